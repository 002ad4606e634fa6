/**
 * Klaro (kiprotect/klaro) config, as JSON: `{services: [{name, title?, purposes: [string], cookies?: [...],
 * required?}], translations?}` (Klaro before 0.7 called services `apps`). Cookies are names, RegExps (written
 * `{"regex": "^_pk_.*$"}` once serialised) or `[name|RegExp, path, domain]`. The config lives in page script
 * (`klaroConfig`), so the page adapter serialises it; we never evaluate it.
 * Field by field: ../shared/data/cmp-samples/README.md, section 6.
 */
import type { Declaration, Purpose } from '../../../types';
import { purposeOfCategory } from '../purpose';
import { arrayOf, boundText, DeclarationBuilder, isRecord, nameStr, parseJson, regexSource, str } from './declaration';

const MAX_SERVICES = 1000;

// A service serving several purposes needs consent for the most intrusive one.
const STRICTNESS: Purpose[] = ['advertising', 'analytics', 'functional', 'essential'];

export function parseKlaro(text: string, sourceUrl: string): Declaration {
  const b = new DeclarationBuilder('klaro');
  const t = boundText(text, b);
  const config = parseJson(t);
  if (!isRecord(config)) {
    b.warn('not a Klaro config object');
    return b.finish(sourceUrl);
  }
  const services = arrayOf(config.services ?? config.apps);
  if (services.length === 0) b.warn('no services');
  const titles = purposeTitles(config);
  for (const service of services.slice(0, MAX_SERVICES)) {
    if (!isRecord(service)) continue;
    const purposeKeys = arrayOf(service.purposes).map(str).filter((p): p is string => p !== null);
    const written = purposeKeys.map((k) => titles.get(k) ?? k);
    const purposes = purposeKeys.map((k, i) => purposeOfCategory(written[i]) ?? purposeOfCategory(k));
    const purpose =
      STRICTNESS.find((p) => purposes.includes(p)) ?? (service.required === true ? 'essential' : 'unknown');
    const provider = str(service.title) ?? str(service.name);
    for (const cookie of arrayOf(service.cookies)) {
      // [name or RegExp, path, domain]
      const [nameOrRegex, , domain] = Array.isArray(cookie) ? cookie : [cookie];
      const regex = regexSource(nameOrRegex);
      b.addCookie({
        name: regex === null ? (nameStr(nameOrRegex) ?? '') : '',
        regex,
        purposeAsWritten: written.length > 0 ? written.join(', ') : null,
        purpose,
        provider,
        domain: str(domain),
      });
    }
  }
  return b.finish(sourceUrl);
}

/** Purpose key -> display title, English first: `translations.<lang>.purposes.<key>` is a string or `{title}`. */
function purposeTitles(config: Record<string, unknown>): Map<string, string> {
  const map = new Map<string, string>();
  const tables: unknown[] = [config['translations.en.purposes']];
  if (isRecord(config.translations)) {
    const langs = config.translations;
    for (const lang of ['en', 'zz', ...Object.keys(langs).slice(0, 50)]) {
      const l = langs[lang];
      if (isRecord(l)) tables.push(l.purposes);
    }
  }
  for (const table of tables) {
    if (!isRecord(table)) continue;
    for (const [key, value] of Object.entries(table).slice(0, 200)) {
      const title = isRecord(value) ? str(value.title) : str(value);
      if (title && !map.has(key)) map.set(key, title);
    }
  }
  return map;
}
