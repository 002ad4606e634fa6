/**
 * laravel-cookie-guard (scify) config, as JSON: `{cookies: {<category>: [{name, description, duration,
 * duration_count, policy_external_link}]}}`. `duration` is a translation key naming the unit
 * (`cookies_consent::messages.years`), `duration_count` the number; `description` is a translation key too,
 * resolved through `translations_en` when our extract carries it.
 * The config is PHP on the server; this reads its JSON form (our extract, or a site that publishes it).
 * Field by field: ../shared/data/cmp-samples/README.md, section 6.
 */
import type { Declaration } from '../../../types';
import { purposeOfCategory } from '../purpose';
import { arrayOf, boundText, DeclarationBuilder, isRecord, nameStr, parseJson, str } from './declaration';

const MAX_ITEMS = 5000;

export function parseLaravelCookieGuard(text: string, sourceUrl: string): Declaration {
  const b = new DeclarationBuilder('laravel-cookie-guard');
  const t = boundText(text, b);
  const json = parseJson(t);
  const categories = isRecord(json) && isRecord(json.cookies) ? json.cookies : null;
  if (!categories) {
    b.warn('no cookies object');
    return b.finish(sourceUrl);
  }
  for (const [category, list] of Object.entries(categories).slice(0, 100)) {
    // Category keys are snake_case identifiers: "strictly_necessary", "targeting".
    const purpose = purposeOfCategory(category.replace(/[_-]+/g, ' ')) ?? 'unknown';
    for (const item of arrayOf(list).slice(0, MAX_ITEMS)) {
      if (!isRecord(item)) continue;
      b.addCookie({
        name: nameStr(item.name) ?? '',
        purposeAsWritten: category,
        purpose,
        durationAsWritten: durationText(item),
      });
    }
  }
  return b.finish(sourceUrl);
}

/** "2 years" from `{duration: 'cookies_consent::messages.years', duration_count: 2}`. */
function durationText(item: Record<string, unknown>): string | null {
  const unitKey = str(item.duration);
  const unit = unitKey?.split(/[.:]/).pop() ?? null;
  const count = str(item.duration_count);
  if (!unit) return null;
  if (!count) return unit;
  // The unit keys are plural ("years") whatever the count; write "1 year" as a person would.
  return `${count} ${count === '1' ? unit.replace(/s$/, '') : unit}`;
}
