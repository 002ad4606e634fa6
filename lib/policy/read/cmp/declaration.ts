/**
 * What every consent-platform parser shares: input limits, turning a platform's cookie entry into
 * `DeclaredCookie`s (names via `compileName`, platform regexes via `translateRegex`), and the finished
 * `Declaration` with its source record.
 */
import { compileName, MAX_NAME_LENGTH, translateRegex, type NamePattern } from '../../../cookies/pattern';
import type {
  Declaration,
  DeclaredCookie,
  DeclaredStorageKey,
  Purpose,
  SignalStatement,
  SourceKind,
} from '../../../types';
import { parseDuration } from '../duration';

/** A consent script or config is at most a few hundred KB; past 5 MB it is not one. */
export const MAX_TEXT = 5 * 1024 * 1024;
export const MAX_COOKIES = 5000;
const MAX_WARNINGS = 50;
/** Free strings from the platform (labels, providers, domains) are short; cut the rest. */
const MAX_FIELD = 200;

export interface CookieEntry {
  /** The display name as the platform writes it; may be empty when only a regex is given. */
  name: string;
  /** The platform's own name regex (`^_gat(_.+)*$`), when it has one. */
  regex?: string | null;
  purposeAsWritten: string | null;
  purpose: Purpose;
  durationAsWritten?: string | null;
  /** When the platform gives a number rather than text (OneTrust days); else parsed from `durationAsWritten`. */
  durationSeconds?: number | null;
  provider?: string | null;
  domain?: string | null;
}

const UNSPECIFIED: SignalStatement = { stance: 'unspecified', sentence: null };

export class DeclarationBuilder {
  readonly cookies: DeclaredCookie[] = [];
  readonly storage: DeclaredStorageKey[] = [];
  readonly warnings: string[] = [];
  statements: Declaration['statements'] = { dnt: UNSPECIFIED, gpc: UNSPECIFIED };
  private readonly seen = new Set<string>();
  private dropped = 0;

  constructor(private readonly kind: SourceKind) {}

  warn(message: string): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(`${this.kind}: ${message}`);
  }

  addCookie(entry: CookieEntry): void {
    const name = typeof entry.name === 'string' ? entry.name.trim() : '';
    if (name.length > MAX_NAME_LENGTH) {
      this.warn(`name longer than ${MAX_NAME_LENGTH} characters; left out`);
      return;
    }
    const patterns = this.patternsOf(name, entry.regex ?? null);
    if (patterns.length === 0) return;
    const durationAsWritten = clip(entry.durationAsWritten);
    const durationSeconds =
      entry.durationSeconds !== undefined
        ? entry.durationSeconds
        : durationAsWritten === null
          ? null
          : parseDuration(durationAsWritten).seconds;
    for (const p of patterns) {
      const cookie: DeclaredCookie = {
        name: name || (entry.regex ?? '').trim(),
        match: p.match,
        pattern: p.pattern,
        purposeAsWritten: clip(entry.purposeAsWritten),
        purpose: entry.purpose,
        durationSeconds,
        durationAsWritten,
        provider: clip(entry.provider),
        domain: clip(entry.domain),
      };
      const key = [cookie.match, cookie.pattern, cookie.domain, cookie.provider, cookie.purpose].join('\u0000');
      if (this.seen.has(key)) continue; // the same declaration twice says nothing new
      if (this.cookies.length >= MAX_COOKIES) {
        this.dropped++;
        continue;
      }
      this.seen.add(key);
      this.cookies.push(cookie);
    }
  }

  addStorage(key: string, purposeAsWritten: string | null, purpose: Purpose): void {
    const k = clip(key);
    if (!k || this.storage.length >= MAX_COOKIES) return;
    const seenKey = `storage\u0000${k}\u0000${purpose}`;
    if (this.seen.has(seenKey)) return;
    this.seen.add(seenKey);
    this.storage.push({ key: k, storage: 'unknown', purposeAsWritten: clip(purposeAsWritten), purpose });
  }

  /** The declaration; its source's sha256 is the reader's (`readDocument` records the document's hash). */
  finish(url: string): Declaration {
    if (this.dropped > 0) this.warn(`more than ${MAX_COOKIES} cookies: ${this.dropped} left out`);
    return {
      sources: [{ url: String(url).slice(0, 2048), kind: this.kind, sha256: '' }],
      cookies: this.cookies,
      storage: this.storage,
      providers: [],
      statements: this.statements,
      links: [],
      warnings: this.warnings,
    };
  }

  /** The platform regex when it is simple, else the display name; never the regex itself. */
  private patternsOf(name: string, regex: string | null): NamePattern[] {
    if (regex && regex.trim()) {
      const translated = translateRegex(regex);
      if (translated) return translated;
      const byName = name ? compileName(name) : null;
      if (byName) {
        this.warn(`regex ${JSON.stringify(regex.slice(0, 80))} is not simple; matching by the name "${name}"`);
        return [byName];
      }
      this.warn(`regex ${JSON.stringify(regex.slice(0, 80))} is not simple and has no name; left out`);
      return [];
    }
    const p = compileName(name);
    if (!p) this.warn(name.length > 0 ? `name not usable: "${name.slice(0, 80)}"` : 'entry without a name');
    return p ? [p] : [];
  }
}

/** Cut input text to the limit, warning when it was longer. */
export function boundText(text: unknown, builder: DeclarationBuilder): string {
  if (typeof text !== 'string') {
    builder.warn('input is not text');
    return '';
  }
  if (text.length <= MAX_TEXT) return text;
  builder.warn(`input longer than ${MAX_TEXT} characters; read the first ${MAX_TEXT}`);
  return text.slice(0, MAX_TEXT);
}

/** JSON.parse that returns undefined instead of throwing. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An array from untrusted data, or empty. */
export function arrayOf(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/**
 * A trimmed string from untrusted data (numbers allowed), or null. Not cut: for names and regexes, which
 * `addCookie` refuses whole when too long (a cut name would declare a different cookie).
 */
export function nameStr(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return null;
  const t = v.trim();
  return t.length > 0 ? t : null;
}

/** A trimmed, length-capped string from untrusted data (numbers allowed), or null: labels, providers, domains. */
export function str(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return clip(typeof v === 'string' ? v : null);
}

function clip(v: string | null | undefined): string | null {
  if (typeof v !== 'string') return null;
  const t = v.trim();
  if (t.length === 0) return null;
  return t.length > MAX_FIELD ? t.slice(0, MAX_FIELD) : t;
}

/** A `{ regex: "..." }` value: how our JSON extracts (and a page's serialised config) write a JS RegExp. */
export function regexSource(v: unknown): string | null {
  if (isRecord(v) && typeof v.regex === 'string') return v.regex;
  return null;
}
