/**
 * From a policy page (HTML, or Markdown rendered to HTML) to a Declaration.
 *
 * Reads the page as a person would: category headings above tables, tables in any column order and
 * language, category rows inside tables, categories in a column, key-value blocks, bulleted names, and
 * prose that names providers only.
 */
import type { DeclaredCookie, DeclaredProvider, DeclaredStorageKey, Purpose } from '../../types';
import { compileName } from '../../cookies/pattern';
import { parseHtmlSteps, findAll, textOf, textOfSteps, DEFAULT_TREE_LIMITS } from './html-tree';
import { toBlocksSteps, type Block, type Cell } from './blocks';
import { runSync, type Budget, type Steps } from './steps';
import { rolesOfHeaderRow, roleOfHeader, type ColumnRole } from './columns';
import { cleanName, looksLikeName, splitNames } from './names';
import { purposeOfCategory, purposeOfText } from './purpose';
import { parseDuration } from './duration';
import { namesInProse } from './prose-names';
import { classifyName } from '../../cookies/classify';
import { findStatements } from '../../signals/statements';
import { policyLinks, type RawLink } from './links';

export const MAX_DOCUMENT_CHARS = 5_000_000;
const MAX_COOKIES = 5_000;

export interface HtmlExtraction {
  cookies: DeclaredCookie[];
  storage: DeclaredStorageKey[];
  providers: DeclaredProvider[];
  statements: ReturnType<typeof findStatements>;
  links: ReturnType<typeof policyLinks>;
  warnings: string[];
  /** Prose outside cookie tables and lists, where providers named without cookie names are looked for. */
  prose: string;
}

interface Heading {
  level: number;
  text: string;
  /** The category this heading names, computed once (undefined: not yet; null: none). */
  category?: { label: string; purpose: Purpose } | null;
}

/** A short line that names a cookie category and nothing else. */
function isCategoryLine(text: string): boolean {
  if (text.length > 60 || text.includes('\n')) return false;
  const t = text.replace(/[\s,:;.]+$/, '');
  return /\b(?:cookies?|cwcis?|trackers?|traceurs?|technologies)\b/i.test(t) && purposeOfCategory(t) !== null;
}

/** The category the headings above a point give: the deepest heading that names a purpose. */
const STORAGE_HEADING = /\b(?:local|session) ?storage\b|\bindexeddb\b|\bstockage local\b|\blokaler speicher\b/i;

function headingCategory(stack: Heading[]): { label: string; purpose: Purpose } | null {
  for (let i = stack.length - 1; i >= 0; i--) {
    const h = stack[i]!;
    if (h.category === undefined) {
      const p = purposeOfCategory(h.text);
      // A "Local Storage" heading names no purpose but says what follows is not cookies (issue 13): it is the
      // context, so that the tables below it read as storage keys.
      h.category = p ? { label: h.text, purpose: p } : STORAGE_HEADING.test(h.text) ? { label: h.text, purpose: 'unknown' } : null;
    }
    if (h.category) return h.category;
  }
  return null;
}

/** A category label and the purpose it names (null: it names none, like "Not required"). */
type CategoryLabel = { label: string; purpose: Purpose | null };

interface RowFacts {
  names: string[];
  isKey: boolean;
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
  return m ? m[1]! : null;
}

/** Lifetimes written one per name ("Session, 61 j, 365 j" beside "a, b, c"), or null. */
function pairedDurations(count: number, written: string | null): Array<{ seconds: number | null; written: string }> | null {
  if (count < 2 || !written) return null;
  const parts = written.split(/\s*[,;\n]\s*/).filter((p) => p.length > 0);
  if (parts.length !== count) return null;
  return parts.map((p) => ({ seconds: parseDuration(p).seconds, written: p.slice(0, 100) }));
}

class Collector {
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

  add(facts: RowFacts, context: Array<CategoryLabel | null>): void {
    // The first label (most specific) that names a purpose decides; its words are kept.
    const labels: CategoryLabel[] = [];
    if (facts.categoryLabel) labels.push({ label: facts.categoryLabel, purpose: purposeOfCategory(facts.categoryLabel) });
    for (const c of context) if (c) labels.push(c);
    const decided = labels.find((l) => l.purpose !== null);
    const purposeAsWritten = decided?.label ?? labels[0]?.label ?? null;
    const fromText: Purpose = decided ? 'unknown' : purposeOfText(facts.purposeText);
    if (!facts.duration && facts.purposeText) facts.duration = durationInText(facts.purposeText);
    const duration = facts.duration ? parseDuration(facts.duration) : null;
    // OneTrust lists: names in one cell and their lifetimes in another, paired by position.
    const perName = pairedDurations(facts.names.length, facts.duration);
    for (const name of facts.names) {
      // No category and a text that says nothing we recognise: the name itself is the last evidence.
      // Last, a name that plainly says session, login, CSRF or consent reads as essential: the safe direction
      // (kept), and what a person reading "saml_csrf_token" would conclude.
      const purpose: Purpose =
        decided?.purpose ?? (fromText !== 'unknown' ? fromText : (this.known(name) ?? (classifyName(name) === 'essential' ? 'essential' : 'unknown')));
      if (facts.isKey) {
        this.storage.push({ key: name, storage: 'localStorage', purposeAsWritten, purpose });
        continue;
      }
      const pattern = compileName(name);
      if (!pattern) continue;
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

export function extractFromHtml(
  html: string,
  baseUrl: string,
  knownPurpose: ((name: string) => Purpose | null) | null = null,
): HtmlExtraction {
  return runSync(extractSteps(html, baseUrl, knownPurpose));
}

/** `extractFromHtml` in steps (pause points between chunks, elements, blocks and rows), within `budget`. */
export function* extractSteps(
  html: string,
  baseUrl: string,
  knownPurpose: ((name: string) => Purpose | null) | null = null,
  budget?: Budget,
): Steps<HtmlExtraction> {
  const warnings: string[] = [];
  if (html.length > MAX_DOCUMENT_CHARS) {
    warnings.push(`document of ${html.length} characters cut at ${MAX_DOCUMENT_CHARS}`);
    html = html.slice(0, MAX_DOCUMENT_CHARS);
  }
  const parsed = yield* parseHtmlSteps(html, DEFAULT_TREE_LIMITS, budget);
  warnings.push(...parsed.warnings);
  const { blocks, warnings: blockWarnings } = yield* toBlocksSteps(parsed.root, budget);
  warnings.push(...blockWarnings);

  const out = new Collector(knownPurpose);
  const headings: Heading[] = [];
  const kv = new KeyValueReader(out);
  let lastLead: { depth: number; text: string } | null = null;
  const prose: string[] = [];

  for (let bi = 0; bi < blocks.length; bi++) {
    const block = blocks[bi]!;
    yield;
    if (budget?.spent) {
      const w = budget.warning(`${blocks.length - bi} of ${blocks.length} blocks not read`);
      if (w) warnings.push(w);
      break;
    }
    switch (block.kind) {
      case 'heading': {
        // Complianz and similar lists: a small heading "Name" / "Expiration" / "Function" and its value below.
        const next = blocks[bi + 1];
        if (block.level >= 4 && next && next.kind === 'paragraph' && next.text.length <= 500 && roleOfHeader(block.text, true)) {
          if (kv.line(`${block.text.replace(/:\s*$/, '')}: ${next.text.replace(/\n/g, ' ')}`, headingCategory(headings), null)) {
            bi++;
            break;
          }
        }
        kv.flush();
        while (headings.length > 0 && headings[headings.length - 1]!.level >= block.level) headings.pop();
        headings.push({ level: block.level, text: block.text });
        lastLead = null;
        break;
      }
      case 'table': {
        kv.flush();
        yield* readTable(block.rows, block.headRows, headingCategory(headings), out, kv);
        break;
      }
      case 'item':
      case 'paragraph': {
        // "Statistical cookies," / "Analytics and customization cookies:" standing alone read as a heading.
        if (block.kind === 'paragraph' && isCategoryLine(block.text)) {
          kv.flush();
          while (headings.length > 0 && headings[headings.length - 1]!.level >= 7) headings.pop();
          headings.push({ level: 7, text: block.text.replace(/[\s,:;.]+$/, '') });
          lastLead = null;
          break;
        }
        const depth = block.kind === 'item' ? block.depth : -1;
        const context = headingCategory(headings);
        let consumed = false;
        for (const line of block.text.split('\n')) {
          if (kv.line(line, context, lastLead && lastLead.depth < depth ? lastLead.text : null)) consumed = true;
        }
        if (consumed) break;
        kv.flush();
        if (block.lead) lastLead = { depth, text: block.lead };
        if (readLeadItem(block, context, out)) break;
        for (const found of namesInProse(block.text)) {
          out.add(
            { names: [found.name], isKey: false, categoryLabel: null, purposeText: found.sentence, duration: found.duration, provider: null, domain: null },
            [context],
          );
        }
        if (prose.length < 10_000) prose.push(block.text);
        break;
      }
    }
  }
  kv.flush();

  const text = yield* textOfSteps(parsed.root, MAX_DOCUMENT_CHARS, budget);
  yield;
  const statements = findStatements(text);
  const rawLinks: RawLink[] = [];
  for (const a of findAll(parsed.root, new Set(['a']))) {
    if (rawLinks.length % 1024 === 1023) yield;
    rawLinks.push({ href: a.attribs.href ?? '', text: textOf(a, 300), title: a.attribs.title });
  }
  yield;
  return {
    cookies: out.cookies,
    storage: out.storage,
    providers: out.providers,
    statements,
    links: policyLinks(rawLinks, baseUrl),
    warnings: [...warnings, ...out.warnings],
    prose: prose.join('\n'),
  };
}

/** Cells of a row laid out by column, colspans expanded (the text goes to the first column it spans). */
function layout(row: Cell[]): Cell[] {
  const out: Cell[] = [];
  for (const cell of row) {
    out.push(cell);
    for (let i = 1; i < cell.colspan; i++) out.push({ text: '', codes: [], header: cell.header, colspan: 1 });
  }
  return out;
}

function isKeyValueTable(rows: Cell[][]): boolean {
  if (rows.length < 2 || rows.length > 20) return false;
  if (!rows.every((r) => r.length === 2)) return false;
  // A header row of two <th> is a two-column table, not a record.
  if (rows[0]!.every((c) => c.header)) return false;
  const roles = new Set<string>();
  let labels = 0;
  for (const r of rows) {
    const role = roleOfHeader(r[0]!.text.replace(/:\s*$/, ''), true);
    if (role) {
      labels++;
      roles.add(role);
    }
  }
  return roles.has('name') && roles.size >= 2 && labels >= Math.max(2, rows.length - 1);
}

function* readTable(
  rows: Cell[][],
  headRows: number,
  context: { label: string; purpose: Purpose } | null,
  out: Collector,
  kv: KeyValueReader,
): Steps<void> {
  if (isKeyValueTable(rows)) {
    for (const r of rows) kv.line(`${r[0]!.text.replace(/:\s*$/, '')}: ${r[1]!.text.replace(/\n/g, ' ')}`, context, null);
    return;
  }
  let roles: Array<ColumnRole | null> | null = null;
  let headerTexts: string[] = [];
  let start = 0;
  for (let i = 0; i < Math.min(rows.length, Math.max(headRows, 3)); i++) {
    const texts = layout(rows[i]!).map((c) => c.text.replace(/\n/g, ' '));
    const r = rolesOfHeaderRow(texts);
    if (r) {
      roles = r;
      headerTexts = texts;
      start = i + 1;
      break;
    }
  }
  if (!roles) roles = guessRoles(rows);
  if (!roles) return;
  roles = sniffUnknownColumns(roles, rows.slice(start));

  let tableCategory: string | null = null;
  let carried: { category: string | null; provider: string | null } = { category: null, provider: null };
  for (let i = start; i < rows.length && !out.full; i++) {
    if (i % 64 === 0) yield;
    let cells = layout(rows[i]!);
    cells = realignShortRow(cells, roles);
    // Responsive tables repeat the header in each cell ("Name<br><br>_ga"): drop that first line.
    cells = cells.map((c, k) => stripRepeatedHeader(c, headerTexts[k]));
    const texts = cells.map((c) => c.text);
    const again = rolesOfHeaderRow(texts.map((t) => t.replace(/\n/g, ' ')), true);
    if (again && cells.every((c) => c.text.length < 60)) {
      roles = again; // a header row inside the body
      continue;
    }
    const filled = cells.filter((c) => c.text.length > 0);
    if (filled.length === 1 && isCategoryRow(filled[0]!, cells, roles)) {
      tableCategory = filled[0]!.text.replace(/\n/g, ' ');
      carried = { category: null, provider: null };
      continue;
    }
    const facts: RowFacts = {
      names: [],
      isKey: false,
      categoryLabel: null,
      purposeText: null,
      duration: null,
      provider: null,
      domain: null,
    };
    let providerColumn: Cell | null = null;
    for (let c = 0; c < cells.length && c < roles.length; c++) {
      const role = roles[c];
      const cell = cells[c]!;
      const flat = cell.text.replace(/\n/g, ' ').trim();
      switch (role) {
        case 'name':
          if (facts.names.length === 0) facts.names = splitNames(cell.text, cell.codes);
          break;
        case 'key':
          facts.names = splitNames(cell.text, cell.codes);
          facts.isKey = true;
          break;
        case 'purpose':
          facts.purposeText = facts.purposeText ? `${facts.purposeText} ${flat}` : flat;
          break;
        case 'category':
          facts.categoryLabel = flat || null;
          break;
        case 'duration':
          facts.duration = flat || null;
          break;
        case 'provider':
          facts.provider = flat || null;
          providerColumn = cell;
          break;
        case 'domain':
          facts.domain = flat || null;
          break;
        case 'storageType':
          if (/local ?storage|session ?storage|stockage local/i.test(flat)) facts.isKey = true;
          break;
        default:
          break;
      }
    }
    // Rowspan flattened into empty cells: carry the category and provider down from the row above.
    if (roles.includes('category')) {
      if (facts.categoryLabel) carried.category = facts.categoryLabel;
      else facts.categoryLabel = carried.category;
    }
    if (roles.includes('provider')) {
      if (facts.provider) carried.provider = facts.provider;
      else facts.provider = carried.provider;
    }
    if (facts.categoryLabel && /local ?storage|session ?storage/i.test(facts.categoryLabel)) {
      facts.isKey = true;
      facts.categoryLabel = null;
    }
    // Not cookies, read as cookies (issue 13): a row whose lifetime column says where it is kept
    // ("Durée: localStorage"), or a table under a "Local Storage" / "Session Storage" heading, declares storage keys.
    if (!facts.isKey && facts.duration && /^\s*(?:html[ _-]?)?(?:local|session) ?storage\b|\bindexeddb\b/i.test(facts.duration)) facts.isKey = true;
    const heading = tableCategory ?? context?.label ?? null;
    if (!facts.isKey && heading && STORAGE_HEADING.test(heading)) facts.isKey = true;
    if (facts.names.length === 0) {
      // A table of providers without cookie names: "Provider | Purpose".
      if (!roles.includes('name') && !roles.includes('key') && providerColumn && facts.provider) {
        const label = facts.categoryLabel ?? tableCategory ?? context?.label ?? null;
        const purpose = purposeOfCategory(label) ?? purposeOfText(facts.purposeText) ?? 'unknown';
        out.addProvider(facts.provider, label, purpose);
      }
      continue;
    }
    out.add(facts, [tableCategory ? { label: tableCategory, purpose: purposeOfCategory(tableCategory) } : null, context]);
  }
}

/**
 * Rowspan flattened away: a row that lost its leading (grouping) cells is shorter than the header, or
 * padded with empty cells at the end (GFM pads short rows). Shift it right so names meet the name column.
 */
function realignShortRow(cells: Cell[], roles: Array<ColumnRole | null>): Cell[] {
  if (roles[0] === 'name' || roles[0] === 'key' || cells.length < 2) return cells;
  const nameAt = roles.indexOf('name') >= 0 ? roles.indexOf('name') : roles.indexOf('key');
  if (nameAt <= 0) return cells;
  let used = cells.length;
  while (used > 0 && cells[used - 1]!.text === '') used--;
  const missing = roles.length - used;
  if (missing <= 0 || used < 2) return cells;
  // Only when the first cell is a name: a real row whose last cells are empty keeps its shape.
  if (!looksLikeName(cleanName(cells[0]!.text)) || cells[nameAt]?.text && looksLikeName(cleanName(cells[nameAt]!.text))) return cells;
  const blank = (): Cell => ({ text: '', codes: [], header: false, colspan: 1 });
  return [...Array.from({ length: missing }, blank), ...cells.slice(0, used)];
}

function stripRepeatedHeader(cell: Cell, header: string | undefined): Cell {
  if (!header || !cell.text.includes('\n')) return cell;
  const nl = cell.text.indexOf('\n');
  const first = cell.text.slice(0, nl).trim();
  if (first.toLowerCase() !== header.trim().toLowerCase()) return cell;
  return { ...cell, text: cell.text.slice(nl + 1).trim(), codes: cell.codes.filter((c) => c !== first) };
}

/** A row with one filled cell is a category row when it spans the table or its text is not a cookie name. */
function isCategoryRow(cell: Cell, cells: Cell[], roles: Array<ColumnRole | null>): boolean {
  const text = cell.text.replace(/\n/g, ' ');
  if (text.length > 80) return false;
  if (cell.colspan >= 2 && cells.length > 1) return true;
  const nameColumn = roles.indexOf('name');
  if (cells.indexOf(cell) !== (nameColumn >= 0 ? nameColumn : 0)) return false;
  if (purposeOfCategory(text) !== null) return true;
  return !looksLikeName(cleanName(text));
}

/**
 * Columns whose header we could not read (a language we lack, a page decoded in the wrong charset): a
 * column of lifetimes is a duration column; the first long-text column is the purpose.
 */
function sniffUnknownColumns(roles: Array<ColumnRole | null>, body: Cell[][]): Array<ColumnRole | null> {
  if (body.length === 0 || !roles.includes(null)) return roles;
  const out = [...roles];
  for (let c = 0; c < out.length; c++) {
    if (out[c] !== null) continue;
    const cells = body.map((r) => r[c]?.text ?? '').filter((t) => t.length > 0);
    if (cells.length === 0) continue;
    if (!out.includes('duration') && cells.filter((t) => parseDuration(t).seconds !== null).length >= cells.length * 0.6) out[c] = 'duration';
    else if (!out.includes('purpose') && cells.reduce((n, t) => n + t.length, 0) / cells.length > 25) out[c] = 'purpose';
  }
  return out;
}

/** With no recognisable header: a 2-3 column table whose first column is mostly names. */
function guessRoles(rows: Cell[][]): Array<ColumnRole | null> | null {
  const width = rows[0]?.length ?? 0;
  if (width < 2 || width > 4 || rows.length < 1) return null;
  const namey = rows.filter((r) => r[0] && looksTechnical(cleanName(r[0].text))).length;
  if (namey < Math.max(1, rows.length * 0.6)) return null;
  const roles: Array<ColumnRole | null> = ['name', 'purpose'];
  for (let c = 2; c < width; c++) {
    const durations = rows.filter((r) => r[c] && parseDuration(r[c]!.text).seconds !== null).length;
    roles.push(durations >= rows.length * 0.5 ? 'duration' : null);
  }
  return roles;
}

/** Without a header saying so, only names that look technical count: `_ga`, `NID`, `csrftoken`, `ai_user`. */
function looksTechnical(s: string): boolean {
  if (!looksLikeName(s)) return false;
  return /[_.\-\d]/.test(s) || /^[A-Z0-9]{2,12}$/.test(s) || /[a-z][A-Z]/.test(s);
}

/** "**_ga**: description", "`_ga` + `_gid` – description": names led by bold or code. */
function readLeadItem(
  block: Extract<Block, { kind: 'item' | 'paragraph' }>,
  context: { label: string; purpose: Purpose } | null,
  out: Collector,
): boolean {
  if (!block.lead && block.codes.length === 0) return false;
  const m = /^(.{1,120}?)(?:\s*[:：](?:\s+|$)|\s+[–—-]\s+|\s*\(|$)/.exec(block.text.split('\n')[0]!);
  if (!m) return false;
  const head = m[1]!;
  const codesInHead = block.codes.filter((c) => head.includes(c));
  if (!block.lead && codesInHead.length === 0) return false;
  if (block.lead && !head.startsWith(block.lead) && codesInHead.length === 0) return false;
  const names = splitNames(head, codesInHead);
  if (names.length === 0) return false;
  // Bold prose ("**Contributors**: ...") is not a name: without code formatting, names must look technical.
  if (codesInHead.length === 0 && !names.every(looksTechnical)) return false;
  // Every part of the head must be a name or a joiner: otherwise this is prose that starts in bold.
  const leftover = codesInHead.length > 0 ? head.replace(/`/g, '') : head;
  const rest = names.reduce((s, n) => s.replace(n, ''), leftover).replace(/[\s,;:+&/*`'"]|\b(?:and|or|et|ou|und|oder|y|o|e|a)\b/g, '');
  if (rest.length > 0) return false;
  const description = block.text.slice(m[0].length).trim();
  out.add(
    { names, isKey: false, categoryLabel: null, purposeText: description || null, duration: null, provider: null, domain: null },
    [context],
  );
  return true;
}

const KV_LABEL = /^\s*([A-Za-zÀ-ÿ' ]{2,40}?)\s*[:：]\s*(.*)$/;

/** Key-value blocks: "Name: x / Purpose: y / Duration: z", one cookie per "Name:" line. */
class KeyValueReader {
  private current: (RowFacts & { context: { label: string; purpose: Purpose } | null; skip?: boolean }) | null = null;

  constructor(private readonly out: Collector) {}

  /** Feed one line; returns true when the line belonged to a key-value block. */
  line(line: string, context: { label: string; purpose: Purpose } | null, parentLead: string | null): boolean {
    const m = KV_LABEL.exec(line);
    if (!m) return false;
    const role = roleOfHeader(m[1]!);
    const value = m[2]!.trim();
    if (role === 'name' || role === 'key') {
      const names = splitNames(value);
      if (names.length === 0) return false;
      this.flush();
      this.current = {
        names,
        isKey: role === 'key',
        categoryLabel: null,
        purposeText: null,
        duration: null,
        provider: parentLead,
        domain: null,
        context,
      };
      return true;
    }
    if (!this.current || !role) return false;
    switch (role) {
      case 'purpose':
        this.current.purposeText = value;
        break;
      case 'duration':
        this.current.duration = value;
        break;
      case 'provider':
        this.current.provider = value;
        break;
      case 'domain':
        this.current.domain = value;
        break;
      case 'category':
      case 'storageType':
        // Termly writes the technology: http_cookie, server_cookie, html_local_storage, pixel_tracker.
        if (/local.?storage|session.?storage/i.test(value)) this.current.isKey = true;
        else if (/pixel|tracker|beacon|web.?bug/i.test(value)) this.current.skip = true;
        else if (purposeOfCategory(value)) this.current.categoryLabel = value;
        break;
      default:
        break;
    }
    return true;
  }

  flush(): void {
    if (!this.current) return;
    const c = this.current;
    this.current = null;
    if (!c.skip) this.out.add(c, [c.context]);
  }
}

