/**
 * Run the reader in a worker thread with a wall-clock bound (see read-worker.mjs): a hang becomes a failed
 * test instead of a stuck test run, and the thread is replaced for the next input.
 */
import { Worker } from 'node:worker_threads';
import type { Declaration } from '../../lib/types';

export type ReaderOutcome =
  | { kind: 'done'; ms: number; declaration: Declaration | null }
  | { kind: 'threw'; ms: number; error: string }
  | { kind: 'timeout'; ms: number };

export interface ReaderJob {
  text: string;
  url?: string;
  hint?: 'html' | 'markdown' | 'text' | 'json' | 'js';
  fn?: 'readDocument' | 'parseCmp';
}

const WORKER = new URL('./read-worker.mjs', import.meta.url);

export class ReaderThread {
  private worker: Worker | null = null;
  private ready: Promise<void> | null = null;
  private nextId = 1;

  private start(): Promise<void> {
    if (this.ready) return this.ready;
    const worker = new Worker(WORKER, { execArgv: [], resourceLimits: { maxOldGenerationSizeMb: 2048 } });
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      const onMessage = (m: { ready?: boolean }) => {
        if (!m.ready) return;
        worker.off('message', onMessage);
        worker.off('error', reject);
        resolve();
      };
      worker.on('message', onMessage);
      worker.once('error', reject);
    });
    return this.ready;
  }

  /** Read `job.text`; resolves with the outcome, never rejects for the reader's own failures. */
  async run(job: ReaderJob, timeoutMs: number): Promise<ReaderOutcome> {
    await this.start();
    const worker = this.worker!;
    const id = this.nextId++;
    const t0 = performance.now();
    return new Promise<ReaderOutcome>((resolve) => {
      const finish = (outcome: ReaderOutcome) => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        resolve(outcome);
      };
      const onMessage = (m: { id: number; ok: boolean; ms: number; declaration?: Declaration | null; error?: string }) => {
        if (m.id !== id) return;
        finish(m.ok ? { kind: 'done', ms: m.ms, declaration: m.declaration ?? null } : { kind: 'threw', ms: m.ms, error: m.error ?? '' });
      };
      // An error event means the thread died (out of memory, a stack overflow outside try/catch).
      const onError = (err: Error) => {
        this.discard();
        finish({ kind: 'threw', ms: performance.now() - t0, error: String(err.stack ?? err) });
      };
      const timer = setTimeout(() => {
        this.discard();
        finish({ kind: 'timeout', ms: performance.now() - t0 });
      }, timeoutMs);
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.postMessage({ id, fn: job.fn ?? 'readDocument', text: job.text, url: job.url ?? 'https://example.com/policy', hint: job.hint });
    });
  }

  private discard(): void {
    void this.worker?.terminate();
    this.worker = null;
    this.ready = null;
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    this.ready = null;
    await w?.terminate();
  }
}
