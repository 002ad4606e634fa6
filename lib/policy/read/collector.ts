/**
 * Where every reader (tables, key-value records, lead items, prose) puts what it read: one entry per name and
 * purpose. The site's category decides the purpose first, then the words about the cookie, then the knowledge
 * base, then the name itself.
 */
import type { DeclaredCookie, DeclaredProvider, DeclaredStorageKey, Purpose } from '../../types';
import { compileName } from '../../cookies/pattern';
import { classifyName } from '../../cookies/classify';
import { classesOfCategory, purposeOfCategory, purposeOfText, saysNonEssential } from './purpose';
import { parseDuration } from './duration';

const MAX_COOKIES = 5_000;

/** The category a heading or a table's category row gives the rows below it (null: none). */
export type Context = { label: string; purpose: Purpose } | null;

/** A heading that says what follows is not cookies: "Local Storage", "Session Storage", "IndexedDB". */
export const STORAGE_HEADING = /\b(?:local|session) ?storage\b|\bindexeddb\b|\bstockage local\b|\blokaler speicher\b/i;

/**
 * What a "Type" / "Storage" / lifetime cell says the thing is when it is not a cookie (issue 13): a storage key
 * (local, session, or other storage such as IndexedDB), or something that stores nothing in the browser (a pixel,
 * a beacon, an SDK). Null: a cookie, or the cell does not say.
 */
export function technologyOf(value: string | null | undefined): DeclaredStorageKey['storage'] | 'notStored' | null {
  if (!value || value.length > 100) return null;
  const v = value.trim().toLowerCase();
  if (/^(?:html5?[ _-]?)?local[ _-]?storage\b|^stockage local|^lokaler speicher/.test(v)) return 'localStorage';
  if (/^(?:html5?[ _-]?)?session[ _-]?storage\b/.test(v)) return 'sessionStorage';
  if (/^(?:indexed ?db|web ?sql|cache storage)\b/.test(v)) return 'unknown';
  if (/^(?:(?:tracking|conversion|facebook|meta|web|1x1)\s+)?(?:pixels?|beacons?|web ?bugs?|pixel[ _-]tracker)$|^(?:mobile |app |third[- ]party )?sdks?$|^software development kit$/.test(v)) return 'notStored';
  return null;
}

/** A category label and the purpose it names (null: it names none, like "Not required"). */
export type CategoryLabel = { label: string; purpose: Purpose | null };

export interface RowFacts {
  names: string[];
  isKey: boolean;
  /** Where a key is kept, when the document says (a key without it is taken for localStorage). */
  storage?: DeclaredStorageKey['storage'];
  categoryLabel: string | null;
  purposeText: string | null;
  duration: string | null;
  provider: string | null;
  domain: string | null;
}

/**
 * A lifetime stated in the purpose text when the table has no duration column: "The cookie is a session
 * cookie and is deleted when all the browser windows are closed", "expires after 30 minutes".
 */
function durationInText(text: string): string | null {
  const session = /\bsession cookies?\b|(?:deleted|removed|erased|expires?|cleared) (?:when|once|after) (?:you close |all )?(?:the |your )?(?:browser|window)/i.exec(text);
  if (session) return 'session';
  const m = /\b(?:expires?|lasts?|stored|kept|retained|valid)(?: for| after| in| up to| a maximum of){1,2} ((?:\d+|one|two|three|six|twelve|thirteen|a) (?:seconds?|minutes?|hours?|days?|weeks?|months?|years?))/i.exec(text);
  if (m) return m[1]!;
  // "… wird nach Abschluss der Sitzung gelöscht", "se elimina después del cierre de la sesión": a sentence that
  // says the cookie is deleted and names the session (and states no other lifetime).
  for (const sentence of text.split(/(?<=[.!?])\s+/)) {
    if (SESSION_WORD.test(sentence) && DELETED.test(sentence) && !/\d/.test(sentence)) return 'session';
  }
  return null;
}

const SESSION_WORD = /\b(?:session|sitzung|sesi[oó]n|sessione|sessie|sessionen|sesj[aiy]|sesiwn)\b/i;
const DELETED = /\b(?:deleted|removed|erased|expires?|gelöscht|entfernt|se (?:elimina|borra)|eliminad[ao]|borrad[ao]|supprimée?|effacée?|expire|raderas|tas bort|slettes|fjernes|usuwan[ey]|kasowan[ey]|wygasa|cancellat[oa]|eliminat[oa]|verwijderd)(?![a-zà-ÿ])/i;

function notEssential(fromText: Purpose, known: Purpose | null): Purpose {
  if (fromText !== 'unknown' && fromText !== 'essential') return fromText;
  return known ?? 'functional';
}

/** Under a label that joins classes, the cookie's text (else the knowledge base) picks one; else the first. */
function pickClass(classes: Purpose[], text: string | null, known: Purpose | null): Purpose {
  const fromText = purposeOfText(text);
  if (classes.includes(fromText)) return fromText;
  return known && classes.includes(known) ? known : classes[0]!;
}

/** Lifetimes written one per name ("Session, 61 j, 365 j" beside "a, b, c"), or null. */
function pairedDurations(count: number, written: string | null): Array<{ seconds: number | null; written: string }> | null {
  if (count < 2 || !written) return null;
  const parts = written.split(/\s*[,;\n]\s*/).filter((p) => p.length > 0);
  if (parts.length !== count) return null;
  return parts.map((p) => ({ seconds: parseDuration(p).seconds, written: p.slice(0, 100) }));
}

export class Collector {
  constructor(private readonly knownPurpose: ((name: string) => Purpose | null) | null) {}

  /**
   * What the knowledge base says of a name, when the document's words say nothing. Only its tracking and
   * preference purposes count: the Open Cookie Database files strictly necessary and merely functional
   * cookies alike under "Functional", so its "essential" says too little to put words in a site's mouth.
   */
  known(name: string): Purpose | null {
    const p = this.knownPurpose?.(name) ?? null;
    return p === 'unknown' || p === 'essential' ? null : p;
  }

  cookies: DeclaredCookie[] = [];
  storage: DeclaredStorageKey[] = [];
  providers: DeclaredProvider[] = [];
  warnings: string[] = [];
  private byName = new Map<string, number>();
  private capped = false;

  /** No more cookies will be taken: a table's remaining rows need not be read (20,000 of them cost 300 ms). */
  get full(): boolean {
    return this.capped;
  }

  /** What a label says of classes, once per label: a table repeats its labels on every row. */
  private labelFacts = new Map<string, { classes: Purpose[] | null; nonEssential: boolean }>();

  private factsOf(label: string): { classes: Purpose[] | null; nonEssential: boolean } {
    let f = this.labelFacts.get(label);
    if (!f) {
      f = { classes: classesOfCategory(label), nonEssential: saysNonEssential(label) };
      if (this.labelFacts.size < 1000) this.labelFacts.set(label, f);
    }
    return f;
  }

  private classes(label: string | undefined): Purpose[] | null {
    return label ? this.factsOf(label).classes : null;
  }

  private nonEssential(label: string): boolean {
    return this.factsOf(label).nonEssential;
  }

  add(facts: RowFacts, context: Array<CategoryLabel | null>): void {
    // The first label (most specific) that names a purpose decides; its words are kept.
    const labels: CategoryLabel[] = [];
    if (facts.categoryLabel) labels.push({ label: facts.categoryLabel, purpose: purposeOfCategory(facts.categoryLabel) });
    for (const c of context) if (c) labels.push(c);
    const decided = labels.find((l) => l.purpose !== null);
    const purposeAsWritten = decided?.label ?? labels[0]?.label ?? null;
    const fromText: Purpose = decided ? 'unknown' : purposeOfText(facts.purposeText);
    // A label that joins classes ("Performance and functionality cookies") names no single purpose, but says
    // which ones: the most specific such label when none decided, or the deciding one.
    const joined = this.classes(decided?.label) ?? (decided ? null : labels.map((l) => this.classes(l.label)).find((c) => c) ?? null);
    // The site's own "Non-Essential" outranks words that suggest essential ("Security"): the text's purpose
    // when it is not essential, else the knowledge base's, else functional (the mildest class that is not).
    const nonEssential = !decided && labels.some((l) => this.nonEssential(l.label));
    if (!facts.duration && facts.purposeText) facts.duration = durationInText(facts.purposeText);
    const duration = facts.duration ? parseDuration(facts.duration) : null;
    // OneTrust lists: names in one cell and their lifetimes in another, paired by position.
    const perName = pairedDurations(facts.names.length, facts.duration);
    for (const name of facts.names) {
      // No category and a text that says nothing we recognise: the name itself is the last evidence.
      // Last, a name that plainly says session, login, CSRF or consent reads as essential: the safe direction
      // (kept), and what a person reading "saml_csrf_token" would conclude.
      const purpose: Purpose =
        nonEssential ? notEssential(fromText, this.known(name)) :
        joined ? pickClass(joined, facts.purposeText, this.known(name)) :
        decided?.purpose ?? (fromText !== 'unknown' ? fromText : (this.known(name) ?? (classifyName(name) === 'essential' ? 'essential' : 'unknown')));
      if (facts.isKey) {
        this.storage.push({ key: name, storage: facts.storage ?? 'localStorage', purposeAsWritten, purpose });
        continue;
      }
      const pattern = compileName(name);
      if (!pattern) {
        this.warnings.push(`"${name.slice(0, 60)}" is not a cookie name that can be matched (empty, longer than 4 KB, or only a placeholder): left out`);
        continue;
      }
      if (this.cookies.length >= MAX_COOKIES) {
        if (!this.capped) this.warnings.push(`more than ${MAX_COOKIES} cookies declared: the rest was not read`);
        this.capped = true;
        return;
      }
      const entry: DeclaredCookie = {
        name,
        match: pattern.match,
        pattern: pattern.pattern,
        purposeAsWritten: purposeAsWritten ?? null,
        purpose,
        durationSeconds: perName ? perName[facts.names.indexOf(name)]!.seconds : (duration?.seconds ?? null),
        durationAsWritten: perName ? perName[facts.names.indexOf(name)]!.written : (facts.duration?.slice(0, 200) ?? null),
        provider: facts.provider?.slice(0, 200) || null,
        domain: facts.domain?.slice(0, 200) || null,
      };
      // The same name declared again: one entry per purpose (a site may list a cookie under two categories).
      const key = `${name}\u0000${purpose}`;
      const existing = this.byName.get(key) ?? this.byName.get(`${name}\u0000unknown`);
      if (existing === undefined) {
        this.byName.set(key, this.cookies.length);
        this.cookies.push(entry);
      } else {
        const prev = this.cookies[existing]!;
        if (prev.purpose === 'unknown' && purpose !== 'unknown') {
          this.cookies[existing] = entry;
          this.byName.set(key, existing);
        } else if (prev.durationSeconds === null && entry.durationSeconds !== null) prev.durationSeconds = entry.durationSeconds;
      }
    }
  }

  addProvider(name: string, purposeAsWritten: string | null, purpose: Purpose): void {
    const clean = name.replace(/\s+/g, ' ').trim().slice(0, 120);
    if (!clean || this.providers.some((p) => p.name.toLowerCase() === clean.toLowerCase())) return;
    this.providers.push({ name: clean, purposeAsWritten, purpose, knownAs: null });
  }
}
