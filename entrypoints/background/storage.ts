/** The stored items: declared once, versioned, validated on load (STYLE.md §4). */
import { storage } from 'wxt/utils/storage';
import type { Settings } from '@/lib/messages';
import { DEFAULT_SETTINGS, SETTINGS_MIGRATIONS, SETTINGS_VERSION, validateSettings } from '@/lib/storage/settings';
import type { Declaration } from '@/lib/types';
import { PARSER_VERSION } from '@/lib/policy/version';

export const settingsItem = storage.defineItem<Settings>('local:settings', {
  fallback: DEFAULT_SETTINGS,
  version: SETTINGS_VERSION,
  migrations: SETTINGS_MIGRATIONS,
});

export async function loadSettings(): Promise<Settings> {
  try {
    return validateSettings(await settingsItem.getValue());
  } catch {
    return validateSettings(null);
  }
}

/** Parsed policies are derived data: keyed by parser version, rebuilt when it changes. */
export interface CachedPolicy {
  parser: number;
  site: string;
  fetchedAt: string;
  declaration: Declaration;
}

const policyKey = (site: string) => `local:policy:${site}` as const;

export async function loadCachedPolicy(site: string): Promise<CachedPolicy | null> {
  try {
    const v = await storage.getItem<CachedPolicy>(policyKey(site));
    return v && v.parser === PARSER_VERSION ? v : null;
  } catch {
    return null;
  }
}

export async function saveCachedPolicy(entry: CachedPolicy): Promise<void> {
  await storage.setItem(policyKey(entry.site), entry);
}
