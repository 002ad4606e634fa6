/**
 * Cookie tables: a header row read in any column order and language (or guessed from the cells), category rows
 * inside the body, rowspans flattened into empty cells, responsive tables that repeat the header in each cell.
 */
import type { Cell } from './blocks';
import type { Steps } from './steps';
import { rolesOfHeaderRow, roleOfHeader, type ColumnRole } from './columns';
import { cleanName, isProductPhrase, isProductWord, looksLikeName, looksTechnical, splitNames } from './names';
import { purposeOfCategory, purposeOfText } from './purpose';
import { parseDuration } from './duration';
import { STORAGE_HEADING, technologyOf, type Collector, type Context, type RowFacts } from './collector';
import type { KeyValueReader } from './key-value';

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

export function* readCookieTable(
  rows: Cell[][],
  headRows: number,
  context: Context,
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
  const products = productColumn(rows.slice(start), roles.indexOf('name'));

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
    let typeCell: string | null = null;
    for (let c = 0; c < cells.length && c < roles.length; c++) {
      const role = roles[c];
      const cell = cells[c]!;
      const flat = cell.text.replace(/\n/g, ' ').trim();
      switch (role) {
        case 'name':
          if (facts.names.length === 0) facts.names = splitNames(cell.text, cell.codes);
          if (products) facts.names = facts.names.filter((n) => !isProductWord(n));
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
          typeCell = flat;
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
    // Not cookies, read as cookies (issue 13): a row whose type, category or lifetime column says where it is kept
    // ("Durée: localStorage", "Type: IndexedDB") declares storage keys; one that says pixel or SDK stores nothing.
    const typed = technologyOf(typeCell);
    const byCategory = typed ? null : technologyOf(facts.categoryLabel);
    const technology = typed ?? byCategory ?? technologyOf(facts.duration);
    if (technology === 'notStored') continue;
    if (byCategory) facts.categoryLabel = null;
    if (technology) {
      facts.isKey = true;
      facts.storage = technology;
    }
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
 * A name column that holds products and services ("Facebook Login", "Google Firebase", an SDK table): when a
 * quarter of its cells are product names in words, its single capitalised words ("Braze", "Crashlytics") are
 * products too, not cookies (issue 13).
 */
function productColumn(body: Cell[][], at: number): boolean {
  if (at < 0) return false;
  const cells = body.map((r) => cleanName((r[at]?.text ?? '').replace(/\n/g, ' '))).filter((t) => t.length > 0);
  const phrases = cells.filter(isProductPhrase).length;
  return phrases > 0 && phrases >= cells.length * 0.25;
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
