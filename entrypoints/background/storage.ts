/**
 * The stored items: declared once, versioned, validated on load (STYLE.md §4).
 *
 * Settings (the default choice and every per-site choice) live in their own item, written on their own,
 * never together with caches. Cached policies are derived data within a byte budget, evicted
 * least-recently-used, and evicted further when the browser's quota refuses a write (issue 8 §3).
 */
import { storage } from 'wxt/utils/storage';
import { browser } from 'wxt/browser';
import type { Settings, StorageError } from '@/lib/messages';
import { DEFAULT_SETTINGS, SETTINGS_MIGRATIONS, SETTINGS_VERSION, validateSettings } from '@/lib/storage/settings';
import { entrySize, isCurrent, readCacheEntry, trimEntry, type PolicyCacheEntry } from '@/lib/policy/discover/cache';
import {
  CACHE_BUDGET_BYTES,
  emptyIndex,
  evictionPlan,
  quotaEvictionPlan,
  readCacheIndex,
  touch,
  without,
  type CacheIndex,
} from '@/lib/storage/cache-budget';
import { PARSER_VERSION } from '@/lib/policy/read/version';
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

/** The last settings write failed even after freeing space: the popup and options page say so. */
let settingsError: StorageError | null = null;
export const storageError = (): StorageError | null => settingsError;

/**
 * Store the settings. A failed write (quota: the browser's storage is full) is retried after evicting
 * cached policies, first the least recently used half, then all of them; if it still fails, the choice
 * applies in memory and the failure is reported (issue 8 §3: "Allow all" was lost silently).
 */
export async function saveSettings(settings: Settings): Promise<boolean> {
  const need = JSON.stringify(settings).length + 1024;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await settingsItem.setValue(settings);
      settingsError = null;
      return true;
    } catch (err) {
      console.warn('cookie-warden: could not store the settings (attempt', attempt + 1, ')', err);
      if (attempt === 0) await evictForQuota(need, null);
      else if (attempt === 1) await evictAllPolicies();
    }
  }
  settingsError = 'settings-not-saved';
  return false;
}

// ---- Policy cache ----------------------------------------------------------------------------------

/**
 * Parsed policies are derived data: one entry per site (registrable domain), stamped with the cache format
 * and the reader version; lib/policy/discover/cache.ts discards entries from another version and rebuilds them.
 * Raw keys (browser.storage.local): `policy:<site>` for entries, `cache-index` for sizes and last use.
 */
const POLICY_PREFIX = 'policy:';
const INDEX_KEY = 'cache-index';
const policyKey = (site: string) => `${POLICY_PREFIX}${site}`;
/** A read only moves the entry up the LRU order: flushed on a debounce, not per read. */
const INDEX_FLUSH_MS = 5_000;

let index: CacheIndex | null = null;
let indexLoading: Promise<CacheIndex> | null = null;
let indexTimer: ReturnType<typeof setTimeout> | null = null;

async function getIndex(): Promise<CacheIndex> {
  if (index) return index;
  indexLoading ??= (async () => {
    let stored: CacheIndex | null = null;
    try {
      stored = readCacheIndex((await browser.storage.local.get(INDEX_KEY))[INDEX_KEY]);
    } catch {
      /* rebuilt below */
    }
    // No index yet (first run of this version, whose caches were never bounded) or a damaged one: scan,
    // and bring what an older version left within the budget.
    index = stored ?? (await scanIndex());
    if (!stored) {
      const over = evictionPlan(index, CACHE_BUDGET_BYTES, null, 0);
      if (over.length > 0) {
        try {
          await browser.storage.local.remove(over.map(policyKey));
          index = without(index, over);
        } catch {
          /* tried again on the next quota error */
        }
      }
      await writeIndex();
    }
    return index;
  })().finally(() => {
    indexLoading = null;
  });
  return indexLoading;
}

/** Rebuild the index from what storage really holds (entries written before the index, or not listed in it). */
async function scanIndex(): Promise<CacheIndex> {
  let all: Record<string, unknown>;
  try {
    all = await browser.storage.local.get(null);
  } catch {
    return emptyIndex();
  }
  let out = emptyIndex();
  for (const [key, value] of Object.entries(all)) {
    if (!key.startsWith(POLICY_PREFIX)) continue;
    const site = key.slice(POLICY_PREFIX.length);
    const e = value as Partial<PolicyCacheEntry> | null;
    const used = Date.parse(String(e?.checkedAt ?? e?.attemptAt ?? ''));
    out = touch(out, site, Number.isFinite(used) ? used : 0, JSON.stringify(value ?? null).length + key.length);
  }
  return out;
}

async function writeIndex(): Promise<void> {
  if (indexTimer) {
    clearTimeout(indexTimer);
    indexTimer = null;
  }
  if (!index) return;
  try {
    await browser.storage.local.set({ [INDEX_KEY]: index });
  } catch {
    /* quota: the index is rebuilt by a scan when needed */
  }
}

function scheduleIndexWrite(): void {
  indexTimer ??= setTimeout(() => void writeIndex(), INDEX_FLUSH_MS);
}

async function removePolicies(sites: string[]): Promise<void> {
  if (sites.length === 0) return;
  try {
    await browser.storage.local.remove(sites.map(policyKey));
  } catch (err) {
    console.warn('cookie-warden: could not evict cached policies', err);
  }
  index = without(await getIndex(), sites);
}

/** Free space after a quota error: rescan (what is stored may not all be indexed), evict LRU. */
async function evictForQuota(need: number, keep: string | null): Promise<void> {
  index = await scanIndex();
  await removePolicies(quotaEvictionPlan(index, need, keep));
  await writeIndex();
}

async function evictAllPolicies(): Promise<void> {
  index = await scanIndex();
  await removePolicies(Object.keys(index.sites));
  await writeIndex();
}

/** At worker start: load the index (a scan and a clean-up the first time this version runs). */
export async function checkCacheBudget(): Promise<void> {
  await getIndex();
}

export async function loadPolicyEntry(site: string): Promise<PolicyCacheEntry | null> {
  let raw: unknown;
  try {
    raw = (await browser.storage.local.get(policyKey(site)))[policyKey(site)];
  } catch {
    return null;
  }
  if (raw === undefined || raw === null) return null;
  const entry = readCacheEntry(raw);
  if (!entry || entry.site !== site || !isCurrent(entry, PARSER_VERSION)) {
    // Corrupt, half-written, or from another reader version: discard it, the site is discovered again.
    await removePolicies([site]);
    await writeIndex();
    return null;
  }
  index = touch(await getIndex(), site, Date.now());
  scheduleIndexWrite();
  return entry;
}

export async function savePolicyEntry(entry: PolicyCacheEntry): Promise<void> {
  const site = entry.site;
  const stored = trimEntry(entry);
  if (!stored) {
    // Over the per-entry cap even trimmed: serve it from memory only, and drop an older stored copy.
    await removePolicies([site]);
    await writeIndex();
    return;
  }
  const bytes = entrySize(stored) + policyKey(site).length;
  await removePolicies(evictionPlan(await getIndex(), CACHE_BUDGET_BYTES, site, bytes));
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await browser.storage.local.set({ [policyKey(site)]: stored });
      index = touch(await getIndex(), site, Date.now(), bytes);
      await writeIndex();
      return;
    } catch (err) {
      if (attempt === 0) await evictForQuota(bytes, site);
      // Quota or a closed profile: the in-memory copy still serves this session.
      else console.warn('cookie-warden: could not store the policy of', site, err);
    }
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
