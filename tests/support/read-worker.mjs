// A worker thread that runs readDocument / parseCmp on the texts it is sent, so a test can time a hostile
// input and terminate the thread when it hangs: a synchronous loop inside the test's own thread would block
// vitest's timeouts too. Plain .mjs because a worker does not go through vitest's transform; tsx loads the
// TypeScript sources, as bin/cookie-warden.mjs does.
import { parentPort } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
const { readDocument } = await import('../../lib/policy/read/read.ts');
const { parseCmp } = await import('../../lib/policy/read/cmp/detect.ts');
const { loadKnowledge } = await import('../../scripts/knowledge-node.ts');
const knowledge = loadKnowledge();

parentPort.on('message', ({ id, fn, text, url, hint }) => {
  const t0 = performance.now();
  try {
    const declaration = fn === 'parseCmp' ? parseCmp(text, url) : readDocument(text, { url, knowledge, hint });
    parentPort.postMessage({ id, ok: true, ms: performance.now() - t0, declaration });
  } catch (err) {
    parentPort.postMessage({ id, ok: false, ms: performance.now() - t0, error: String(err?.stack ?? err).slice(0, 2000) });
  }
});
parentPort.postMessage({ ready: true });
