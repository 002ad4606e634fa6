/**
 * Export everything the person set, and import it back (issue 14). The file holds settings only: never a
 * cookie, never a cookie value. An import never loses a setting: a field the file lacks (an older export)
 * or gets wrong keeps its current value, and each such case comes back as a note the options page words.
 */
import type { Settings } from '../types';
import { SETTINGS_MIGRATIONS, SETTINGS_VERSION, validateSettings } from './settings';

export const EXPORT_FORMAT = 'cookie-warden-settings';

export interface SettingsExport {
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  settings: Settings;
}

export function exportSettings(settings: Settings, now: Date): SettingsExport {
  return { format: EXPORT_FORMAT, version: SETTINGS_VERSION, exportedAt: now.toISOString(), settings };
}

export type ImportProblem = 'not-json' | 'not-ours' | 'newer' | 'no-settings';

export type ImportNote =
  /** The file's value was not valid: the current one is kept. */
  | { kind: 'kept-current'; field: string }
  /** The file does not have this setting (an older export): the current one is kept. */
  | { kind: 'missing'; field: string }
  /** Entries of a list (per-site choices) that were not valid and were skipped. */
  | { kind: 'skipped-entries'; field: string; count: number }
  /** A setting this version does not know (ignored). */
  | { kind: 'unknown-field'; field: string }
  /** The file came from an older version and was brought up to date. */
  | { kind: 'migrated'; from: number };

export type ImportResult = { ok: true; settings: Settings; notes: ImportNote[] } | { ok: false; problem: ImportProblem };

const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** Parse the text of an export file (as the person picked it). */
export function parseExportText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function importSettings(raw: unknown, current: Settings): ImportResult {
  if (raw === undefined) return { ok: false, problem: 'not-json' };
  if (!isPlainObject(raw) || raw.format !== EXPORT_FORMAT) return { ok: false, problem: 'not-ours' };
  const version = raw.version;
  if (!Number.isInteger(version) || (version as number) < 1) return { ok: false, problem: 'not-ours' };
  if ((version as number) > SETTINGS_VERSION) return { ok: false, problem: 'newer' };
  let incoming: unknown = raw.settings;
  if (!isPlainObject(incoming)) return { ok: false, problem: 'no-settings' };

  const notes: ImportNote[] = [];
  for (let v = (version as number) + 1; v <= SETTINGS_VERSION; v++) {
    const step = SETTINGS_MIGRATIONS[v];
    if (step) incoming = step(incoming);
  }
  if ((version as number) < SETTINGS_VERSION) notes.push({ kind: 'migrated', from: version as number });
  const file = incoming as Record<string, unknown>;
  const cur = current as unknown as Record<string, unknown>;

  // Merge over the current settings: lists (per-site choices) are merged entry by entry.
  const merged: Record<string, unknown> = { ...cur };
  for (const [field, value] of Object.entries(file)) {
    if (!(field in cur)) {
      notes.push({ kind: 'unknown-field', field });
      continue;
    }
    merged[field] = isPlainObject(cur[field]) && isPlainObject(value) ? { ...cur[field], ...value } : value;
  }
  const valid = validateSettings(merged) as unknown as Record<string, unknown>;
  for (const field of Object.keys(cur)) {
    if (!(field in file)) {
      notes.push({ kind: 'missing', field });
      valid[field] = cur[field];
      continue;
    }
    if (JSON.stringify(valid[field]) === JSON.stringify(merged[field])) continue;
    if (isPlainObject(merged[field]) && isPlainObject(valid[field])) {
      const dropped = Object.keys(merged[field]).length - Object.keys(valid[field]).length;
      if (dropped > 0) notes.push({ kind: 'skipped-entries', field, count: dropped });
      continue;
    }
    // Not valid: keep what the person has now, not the default.
    valid[field] = cur[field];
    notes.push({ kind: 'kept-current', field });
  }
  return { ok: true, settings: valid as unknown as Settings, notes };
}
