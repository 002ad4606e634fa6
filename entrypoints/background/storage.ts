/** The stored items: declared once, versioned, validated on load (STYLE.md §4). */
import { storage } from 'wxt/utils/storage';
import type { Settings } from '@/lib/messages';
import { DEFAULT_SETTINGS, SETTINGS_MIGRATIONS, SETTINGS_VERSION, validateSettings } from '@/lib/storage/settings';
import { isCurrent, type PolicyCacheEntry } from '@/lib/policy/cache';
import { PARSER_VERSION } from '@/lib/policy/version';
import { isSignalEntry, type SignalSiteEntry } from '@/lib/signals/book';

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

/**
 * Parsed policies are derived data: one entry per site (registrable domain), stamped with the cache format
 * and the reader version; lib/policy/cache.ts discards entries from another version and rebuilds them.
 */
const policyKey = (site: string) => `local:policy:${site}` as const;

export async function loadPolicyEntry(site: string): Promise<PolicyCacheEntry | null> {
  try {
    const v = await storage.getItem<PolicyCacheEntry>(policyKey(site));
    return isCurrent(v, PARSER_VERSION) ? v : null;
  } catch {
    return null;
  }
}

export async function savePolicyEntry(entry: PolicyCacheEntry): Promise<void> {
  try {
    await storage.setItem(policyKey(entry.site), entry);
  } catch (err) {
    // Quota or a closed profile: the in-memory copy still serves this session.
    console.warn('cookie-warden: could not store the policy of', entry.site, err);
  }
}

/** What each site says about DNT / GPC and any breach of it (lib/signals/book.ts): one entry per site. */
const signalKey = (site: string) => `local:signals:${site}` as const;

export async function loadSignalEntry(site: string): Promise<SignalSiteEntry | null> {
  try {
    const v = await storage.getItem<SignalSiteEntry>(signalKey(site));
    return isSignalEntry(v) ? v : null;
  } catch {
    return null;
  }
}

export async function saveSignalEntry(entry: SignalSiteEntry): Promise<void> {
  try {
    await storage.setItem(signalKey(entry.site), entry);
  } catch (err) {
    console.warn('cookie-warden: could not store the signals of', entry.site, err);
  }
}
