/**
 * tarteaucitron.js services, as JSON: `{services: [{key, type, name, uri, needConsent, cookies: [names]}]}`
 * (our extract of `tarteaucitron.services.js`), or `{services: {<key>: {...}}}` as the page's
 * `tarteaucitron.services` object serialises. `cookies` are the exact names tarteaucitron deletes on refusal.
 * Field by field: ../shared/data/cmp-samples/README.md, section 6.
 */
import type { Declaration, Purpose } from '../../../types';
import { arrayOf, boundText, DeclarationBuilder, isRecord, nameStr, parseJson, str } from './declaration';

const MAX_SERVICES = 2000;

// tarteaucitron's service types. Social widgets count as advertising, as OneTrust's "Social Media" group does;
// chat, comments, maps/APIs and embedded players are features the visitor uses; "google" holds Google Consent
// Mode switches (no cookies) and "other" says nothing.
const TYPES = new Map<string, Purpose>([
  ['ads', 'advertising'],
  ['analytic', 'analytics'],
  ['social', 'advertising'],
  ['support', 'functional'],
  ['comment', 'functional'],
  ['api', 'functional'],
  ['video', 'functional'],
  ['google', 'unknown'],
  ['other', 'unknown'],
]);

export function parseTarteaucitron(text: string, sourceUrl: string): Declaration {
  const b = new DeclarationBuilder('tarteaucitron');
  const t = boundText(text, b);
  const json = parseJson(t);
  const raw = isRecord(json) ? json.services : undefined;
  const services = Array.isArray(raw) ? raw : isRecord(raw) ? Object.values(raw) : [];
  if (services.length === 0) b.warn('no services');
  for (const service of services.slice(0, MAX_SERVICES)) {
    if (!isRecord(service)) continue;
    const type = str(service.type);
    const purpose = (type ? TYPES.get(type) : undefined) ?? 'unknown';
    const provider = str(service.name) ?? str(service.key);
    for (const name of arrayOf(service.cookies)) {
      const written = nameStr(name);
      if (written) b.addCookie({ name: written, purposeAsWritten: type, purpose, provider });
    }
  }
  return b.finish(sourceUrl);
}
