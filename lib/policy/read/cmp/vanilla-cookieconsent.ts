/**
 * vanilla-cookieconsent (orestbida/cookieconsent) config, as JSON (the page adapter serialises the object given
 * to `CookieConsent.run`, RegExps written `{"regex": "..."}`; we never evaluate it).
 *
 * v3: `categories.<cat>.{readOnly, autoClear.cookies: [{name: string|RegExp, domain?}]}` and, per language,
 *     `language.translations.<lang>.preferencesModal.sections[]: {title, linkedCategory, cookieTable: {headers:
 *     {<key>: <label>}, body: [{<key>: value}]}}`; the header keys are the site's own, so columns are told by their
 *     labels.
 * v2: `languages.<lang>.settings_modal.{cookie_table_headers: [{col1: 'Name'}, ...], blocks[]: {title,
 *     toggle: {value, readonly}, cookie_table: [{col1, col2, ..., is_regex}]}}`.
 * Field by field: ../shared/data/cmp-samples/README.md, section 6.
 */
import type { Declaration, Purpose } from '../../../types';
import { roleOfHeader, type ColumnRole } from '../columns';
import { purposeOfCategory } from '../purpose';
import { arrayOf, boundText, DeclarationBuilder, isRecord, nameStr, parseJson, regexSource, str } from './declaration';

const MAX_ITEMS = 1000;

interface Category {
  key: string;
  title: string | null;
  readOnly: boolean;
}

export function parseVanillaCookieConsent(text: string, sourceUrl: string): Declaration {
  const b = new DeclarationBuilder('vanilla-cookieconsent');
  const t = boundText(text, b);
  const config = parseJson(t);
  if (!isRecord(config)) {
    b.warn('not a cookieconsent config object');
    return b.finish(sourceUrl);
  }
  const before = b.cookies.length;
  const sections = v3Sections(config);
  const categories = isRecord(config.categories) ? config.categories : {};
  const titles = new Map<string, string>();
  for (const s of sections) {
    const key = str(s.linkedCategory);
    const title = str(s.title);
    if (key && title && !titles.has(key)) titles.set(key, title);
  }
  const categoryOf = (key: string | null): Category => ({
    key: key ?? '',
    title: key ? (titles.get(key) ?? null) : null,
    readOnly: key !== null && isRecord(categories[key]) && categories[key].readOnly === true,
  });

  for (const s of sections) {
    const table = isRecord(s.cookieTable) ? s.cookieTable : null;
    if (!table) continue;
    const category = categoryOf(str(s.linkedCategory));
    const body = arrayOf(table.body);
    // Without headers, the row keys themselves are the only column names.
    const headers = isRecord(table.headers)
      ? Object.entries(table.headers)
      : Object.keys(isRecord(body[0]) ? body[0] : {}).map((k) => [k, k] as const);
    const roles = new Map(headers.map(([key, label]) => [key, roleOfHeader(str(label) ?? '') ?? roleOfHeader(key)]));
    for (const row of body.slice(0, MAX_ITEMS)) {
      if (isRecord(row)) addRow(b, category, (role) => cellOf(row, roles, role), false);
    }
  }
  for (const [key, value] of Object.entries(categories).slice(0, 100)) {
    const autoClear = isRecord(value) && isRecord(value.autoClear) ? value.autoClear : {};
    for (const c of arrayOf(autoClear.cookies).slice(0, MAX_ITEMS)) {
      if (!isRecord(c)) continue;
      const regex = regexSource(c.name);
      addEntry(b, categoryOf(key), regex === null ? (nameStr(c.name) ?? '') : '', regex, null, str(c.domain));
    }
  }
  readV2(b, config);
  if (b.cookies.length === before) b.warn('no cookie tables or autoClear cookies');
  return b.finish(sourceUrl);
}

/** The sections of the default language (else English, else the first one). */
function v3Sections(config: Record<string, unknown>): Record<string, unknown>[] {
  const language = isRecord(config.language) ? config.language : {};
  const translations = isRecord(language.translations) ? language.translations : {};
  const preferred = [str(language.default), 'en', ...Object.keys(translations).slice(0, 50)];
  for (const lang of preferred) {
    if (!lang) continue;
    const tr = translations[lang];
    const modal = isRecord(tr) && isRecord(tr.preferencesModal) ? tr.preferencesModal : null;
    // Our data-only extracts flatten the path into one key.
    const sections = modal?.sections ?? config[`language.translations.${lang}.preferencesModal.sections`];
    if (Array.isArray(sections)) return sections.filter(isRecord).slice(0, 200);
  }
  for (const [key, value] of Object.entries(config).slice(0, 200)) {
    if (/^language\.translations\.[^.]+\.preferencesModal\.sections$/.test(key) && Array.isArray(value)) {
      return value.filter(isRecord).slice(0, 200);
    }
  }
  return [];
}

function readV2(b: DeclarationBuilder, config: Record<string, unknown>): void {
  const languages = isRecord(config.languages) ? config.languages : {};
  const lang = [str(config.current_lang), 'en', ...Object.keys(languages).slice(0, 50)].find(
    (l) => l !== null && isRecord(languages[l]),
  );
  const language = lang ? languages[lang] : null;
  const modal = isRecord(language) && isRecord(language.settings_modal) ? language.settings_modal : null;
  if (!modal) return;
  const roles = new Map<string, ColumnRole | null>();
  for (const h of arrayOf(modal.cookie_table_headers)) {
    if (isRecord(h)) for (const [key, label] of Object.entries(h)) roles.set(key, roleOfHeader(str(label) ?? ''));
  }
  for (const block of arrayOf(modal.blocks).slice(0, 200)) {
    if (!isRecord(block)) continue;
    const toggle = isRecord(block.toggle) ? block.toggle : {};
    const category: Category = { key: str(toggle.value) ?? '', title: str(block.title), readOnly: toggle.readonly === true };
    for (const row of arrayOf(block.cookie_table).slice(0, MAX_ITEMS)) {
      if (isRecord(row)) addRow(b, category, (role) => cellOf(row, roles, role), row.is_regex === true);
    }
  }
}

function addRow(
  b: DeclarationBuilder,
  category: Category,
  cell: (role: ColumnRole) => string | null,
  isRegex: boolean,
): void {
  const name = cell('name') ?? cell('key') ?? '';
  addEntry(b, category, isRegex ? '' : name, isRegex ? name : null, cell('duration'), cell('domain'), cell('provider'));
}

function addEntry(
  b: DeclarationBuilder,
  category: Category,
  name: string,
  regex: string | null,
  duration: string | null,
  domain: string | null,
  provider: string | null = null,
): void {
  b.addCookie({
    name,
    regex,
    purposeAsWritten: category.title ?? (category.key || null),
    purpose: purposeOf(category),
    durationAsWritten: duration,
    provider,
    domain,
  });
}

// The section title is the site's wording; the category key is a developer's; readOnly is what the library
// itself treats as "necessary".
function purposeOf(category: Category): Purpose {
  if (category.readOnly) return 'essential';
  return purposeOfCategory(category.title) ?? purposeOfCategory(category.key) ?? 'unknown';
}

/** The cell of the first column with this role; cells may hold HTML, which we drop to text. */
function cellOf(row: Record<string, unknown>, roles: Map<string, ColumnRole | null>, role: ColumnRole): string | null {
  for (const [key, r] of roles) {
    if (r !== role) continue;
    const value = nameStr(row[key]);
    return value === null ? null : nameStr(value.replace(/<[^<>]{0,200}>/g, ''));
  }
  return null;
}
