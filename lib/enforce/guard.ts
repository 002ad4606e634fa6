/**
 * What the main-world cookie guard knows, and how it decides, synchronously, before the page's next line
 * runs (issue 11). Pure: the background compiles a site's GuardSiteData from its declaration, the user's
 * choice and exceptions; the build compiles the well-known tracking names from the knowledge base; the
 * page-side adapter (utils/cookie-guard.ts) calls guardVerdict on every `document.cookie` / `cookieStore`
 * write.
 *
 * The guard is an early copy of lib/enforce/decide.ts for the one case it can be sure of, and lets
 * everything else through to the cookies.onChanged backstop:
 * - the user's exception on the site wins ("always allow" lets through, "always remove" refuses);
 * - a name the site's declaration gives a purpose to is judged by that purpose (declared essential: never
 *   refused);
 * - otherwise only the well-known tracking names (the knowledge base and the name classifier agree they
 *   are analytics or advertising) are refused, when the choice refuses their purpose;
 * - anything else (unknown, disagreeing, essential by its name) is let through.
 */
import type { Choice, CookieException, Declaration, MatchKind, Purpose } from '../types';
import type { KnowledgeIndexData } from '../cookies/knowledge';
import { classifyName } from '../cookies/classify';
import { matchesName } from '../cookies/pattern';
import { allowedBy } from './decide';

/** A site's compiled choice, delivered to the guard (plain JSON). */
export interface GuardSiteData {
  v: 1;
  /** The registrable domain this data speaks for (null: the default for sites we know nothing of). */
  site: string | null;
  choice: Choice;
  policy: 'pending' | 'found' | 'none';
  /** Declared names with a purpose the document gives: [match, pattern, purpose]. */
  declared: Array<[MatchKind, string, Purpose]>;
  exceptions: Record<string, CookieException>;
}

/** The knowledge base's well-known tracking names, built into the guard script. */
export interface TrackingNames {
  /** exact name → 'a' (analytics) or 'd' (advertising) */
  exact: Record<string, 'a' | 'd'>;
  /** [prefix stem, 'a' | 'd'] */
  prefixes: Array<[string, 'a' | 'd']>;
}

const TRACKING_CODE: Partial<Record<Purpose, 'a' | 'd'>> = { analytics: 'a', advertising: 'd' };

/**
 * The names the knowledge base and the name classifier agree are analytics or advertising, and that no
 * other knowledge-base entry calls anything else. The guard refuses only these without a declaration.
 */
export function wellKnownTrackingNames(index: KnowledgeIndexData): TrackingNames {
  const exactPurposes = new Map<string, Set<Purpose>>();
  const prefixPurposes = new Map<string, Set<Purpose>>();
  for (const [name, wildcard, , purpose] of index.entries) {
    // Only plain stems: a wildcard row with pattern syntax inside is left to the background.
    if (wildcard === 1 && /[*%#<>{}[\]]/.test(name)) continue;
    const map = wildcard === 1 ? prefixPurposes : exactPurposes;
    let set = map.get(name);
    if (!set) map.set(name, (set = new Set()));
    set.add(purpose);
  }
  const exact: Record<string, 'a' | 'd'> = {};
  const nonTrackingExact: string[] = [];
  for (const [name, purposes] of exactPurposes) {
    const [only] = purposes;
    const code = purposes.size === 1 && only ? TRACKING_CODE[only] : undefined;
    if (code && classifyName(name) === only) exact[name] = code;
    else nonTrackingExact.push(name);
  }
  const prefixes: Array<[string, 'a' | 'd']> = [];
  for (const [stem, purposes] of prefixPurposes) {
    const [only] = purposes;
    const code = purposes.size === 1 && only ? TRACKING_CODE[only] : undefined;
    if (!code || stem.length < 3 || classifyName(stem) !== only) continue;
    // A known name of another purpose under this stem: the stem alone is not sure enough.
    if (nonTrackingExact.some((n) => n.startsWith(stem))) continue;
    prefixes.push([stem, code]);
  }
  prefixes.sort((a, b) => b[0].length - a[0].length || a[0].localeCompare(b[0]));
  return { exact, prefixes };
}

/** The purpose the built-in list gives a name, or null. */
export function trackingPurposeOf(names: TrackingNames, name: string): Purpose | null {
  const code = Object.prototype.hasOwnProperty.call(names.exact, name) ? names.exact[name] : undefined;
  if (code) return code === 'a' ? 'analytics' : 'advertising';
  for (const [stem, c] of names.prefixes) if (name.startsWith(stem)) return c === 'a' ? 'analytics' : 'advertising';
  return null;
}

const MAX_DECLARED = 2_000;

/** Compile what the guard needs from a site's declaration, choice and exceptions. */
export function compileGuardData(input: {
  site: string | null;
  choice: Choice;
  policy: GuardSiteData['policy'];
  declaration: Declaration | null;
  exceptions: Record<string, CookieException> | undefined;
}): GuardSiteData {
  const declared: GuardSiteData['declared'] = [];
  for (const c of input.declaration?.cookies ?? []) {
    if (c.purpose === 'unknown') continue;
    if (declared.length >= MAX_DECLARED) break;
    declared.push([c.match, c.pattern, c.purpose]);
  }
  return { v: 1, site: input.site, choice: input.choice, policy: input.policy, declared, exceptions: { ...(input.exceptions ?? {}) } };
}

/** Check a GuardSiteData that crossed a world boundary (a page could have touched the channel). */
export function isGuardSiteData(x: unknown): x is GuardSiteData {
  if (typeof x !== 'object' || x === null) return false;
  const d = x as Record<string, unknown>;
  return (
    d.v === 1 &&
    (d.choice === 'essential-only' || d.choice === 'essential-functional' || d.choice === 'allow-all') &&
    Array.isArray(d.declared) &&
    typeof d.exceptions === 'object' &&
    d.exceptions !== null
  );
}

export type GuardVerdict = 'refuse' | 'allow';

/**
 * The built-in names in a fixed order, each as a sample name (a prefix stem with a suffix): index i of this
 * list is what the Chromium "keep" script number i stands for (see Provisional below).
 */
export function guardSampleNames(names: TrackingNames): string[] {
  return [...Object.keys(names.exact), ...names.prefixes.map(([stem]) => `${stem}1`)];
}

/** Where the Chromium keep scripts leave their indices for the guard (read and deleted before the page runs). */
export const KEEP_SYMBOL = 'cookie-warden-keep';

/**
 * What the guard assumes before its site's data arrives: the choice (null: refuse nothing) and the built-in
 * names the site keeps all the same (its declaration or exceptions keep them), by index of guardSampleNames.
 */
export interface Provisional {
  choice: Choice | null;
  keep: ReadonlySet<number>;
}

/** Does the provisional keep list cover this name? */
function provisionallyKept(name: string, names: TrackingNames, keep: ReadonlySet<number>): boolean {
  if (keep.size === 0) return false;
  const exact = Object.keys(names.exact);
  const i = exact.indexOf(name);
  if (i >= 0) return keep.has(i);
  for (let p = 0; p < names.prefixes.length; p++) {
    if (name.startsWith(names.prefixes[p]![0]) && keep.has(exact.length + p)) return true;
  }
  return false;
}

/**
 * Refuse a script's write of cookie `name`? `data` is the site's compiled choice, or null before it
 * arrived: then `provisional` (the strict guard, registered for sites whose choice refuses tracking)
 * refuses the well-known tracking names, and anything it refused is written back if the data says so.
 */
export function guardVerdict(
  name: string,
  data: GuardSiteData | null,
  names: TrackingNames,
  provisional: Choice | null,
  keep: ReadonlySet<number> = NO_KEEP,
): GuardVerdict {
  if (name.length === 0 || name.length > 256) return 'allow';
  if (data) {
    const ex = Object.prototype.hasOwnProperty.call(data.exceptions, name) ? data.exceptions[name] : undefined;
    if (ex === 'allow') return 'allow';
    if (ex === 'remove') return 'refuse';
    for (const [match, pattern, purpose] of data.declared) {
      if (matchesName({ match, pattern }, name)) return allowedBy(data.choice, purpose) ? 'allow' : 'refuse';
    }
  }
  const choice = data?.choice ?? provisional;
  if (!choice) return 'allow';
  if (!data && provisionallyKept(name, names, keep)) return 'allow';
  const purpose = trackingPurposeOf(names, name);
  return purpose && !allowedBy(choice, purpose) ? 'refuse' : 'allow';
}

/**
 * The guard's memory for one document: the site data it has, and the last write of each name it refused, so
 * that what it refused and later learns was allowed (the policy arrived and says essential; the user chose
 * "Allow all") is written back. `T` is whatever the adapter needs to replay a write (a `document.cookie`
 * string, a `cookieStore.set` argument list). Pure.
 */
const NO_KEEP: ReadonlySet<number> = new Set();

export class GuardBook<T> {
  private readonly refused = new Map<string, T>();
  private data: GuardSiteData | null;

  constructor(
    private readonly names: TrackingNames,
    /** The choice assumed before the site data arrives (strict guard), or null (open guard). */
    private readonly provisional: Choice | null,
    initial: GuardSiteData | null = null,
    /** False in a frame of another site than the top's: its cookie has other owners; let everything through. */
    private readonly active = true,
    /** Built-in names kept before the data arrives (indices of guardSampleNames). */
    private readonly keep: ReadonlySet<number> = NO_KEEP,
  ) {
    this.data = initial;
  }

  /** A write of cookie `name` (deletes: the write removes it). Returns whether to let it through. */
  write(name: string, deletes: boolean, replay: T): GuardVerdict {
    if (!this.active) return 'allow';
    if (deletes) {
      // Deleting is never a leak; and what the page deleted must not come back.
      this.refused.delete(name);
      return 'allow';
    }
    if (guardVerdict(name, this.data, this.names, this.provisional, this.keep) === 'refuse') {
      if (this.refused.size < 500 || this.refused.has(name)) this.refused.set(name, replay);
      return 'refuse';
    }
    this.refused.delete(name);
    return 'allow';
  }

  /** New site data: returns the refused writes it now allows, to write back in order. */
  update(data: GuardSiteData): T[] {
    this.data = data;
    const back: T[] = [];
    for (const [name, replay] of this.refused) {
      if (guardVerdict(name, data, this.names, this.provisional) === 'allow') {
        back.push(replay);
        this.refused.delete(name);
      }
    }
    return back;
  }

  get refusedNames(): string[] {
    return [...this.refused.keys()];
  }
}
