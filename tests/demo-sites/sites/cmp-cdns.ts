/**
 * Stand-ins for two consent platforms' CDNs, serving the real sample data from
 * ../shared/data/cmp-samples (tests may read ../shared; the extension never does).
 *
 * consent.cookiebot.test
 *   /uc.js                 the banner loader (does nothing here)
 *   /<cbid>/cc.js          purplemath's real cc.js data lines, only when the request's Referer is the site the
 *                          cbid is registered for (as Cookiebot does); otherwise the out-of-region stub
 *   /__seen                JSON: the Referer of every cc.js request
 * cdn.cookielaw.test
 *   /scripttemplates/otSDKStub.js          the stub (does nothing here)
 *   /consent/<id>/<id>.json                metabomb's ruleset
 *   /consent/<id>/<ruleset>/en.json        metabomb's language file with the cookie groups
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { routes, type Site, type SiteResponse } from '../site';

export const COOKIEBOT_HOST = 'consent.cookiebot.test';
export const ONETRUST_HOST = 'cdn.cookielaw.test';
export const PURPLEMATH_CBID = '5a3c0e9b-7f1d-4c2a-9e8b-1d2c3b4a5f60';
export const PURPLEMATH_HOST = 'purplemath.test';
/** metabomb's real ids (the ruleset names its language file by them). */
export const METABOMB_DOMAIN_ID = '32083dcf-5370-4a31-b304-4d087dae7d42';
const METABOMB_RULESET_ID = 'eb848949-a6d2-47e9-910d-302932250873';

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../shared/data/cmp-samples');

function sample(file: string, contentType: string): SiteResponse {
  try {
    return { headers: { 'Content-Type': contentType }, body: readFileSync(path.join(SAMPLES, file), 'utf8') };
  } catch {
    return { status: 404, headers: { 'Content-Type': 'text/plain' }, body: `sample ${file} not found under ${SAMPLES}\n` };
  }
}

const JS = 'application/javascript; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

export function createCookiebotCdn(): Site {
  const referers: Array<string | null> = [];
  const cc = routes({
    'GET /uc.js': () => ({ headers: { 'Content-Type': JS }, body: '/* Cookiebot banner loader (demo) */\n' }),
    'GET /__seen': () => ({ headers: { 'Content-Type': JSON_TYPE }, body: JSON.stringify({ referers }) }),
  });
  return {
    host: COOKIEBOT_HOST,
    handle(req, ctx) {
      const m = /^\/([0-9a-f-]{36})\/cc\.js$/.exec(req.pathname);
      if (!m) return cc(req, ctx);
      const referer = typeof req.headers.referer === 'string' ? req.headers.referer : null;
      referers.push(referer);
      let refererHost = '';
      try {
        refererHost = referer ? new URL(referer).hostname : '';
      } catch {
        /* not a URL */
      }
      if (m[1] === PURPLEMATH_CBID && refererHost === PURPLEMATH_HOST) {
        return sample('cookiebot/purplemath_cc.js.data-lines.txt', JS);
      }
      return {
        headers: { 'Content-Type': JS },
        body: `CookieConsent.setOutOfRegion(true);\nCookieConsent.cookiedomainwarning = 'Error: ${refererHost || 'no referer'} is not a valid domain.';\n`,
      };
    },
  };
}

export function createOneTrustCdn(): Site {
  return {
    host: ONETRUST_HOST,
    handle: routes({
      'GET /scripttemplates/otSDKStub.js': () => ({ headers: { 'Content-Type': JS }, body: '/* OneTrust stub (demo) */\n' }),
      [`GET /consent/${METABOMB_DOMAIN_ID}/${METABOMB_DOMAIN_ID}.json`]: () => sample('onetrust/metabomb_ruleset.json', JSON_TYPE),
      [`GET /consent/${METABOMB_DOMAIN_ID}/${METABOMB_RULESET_ID}/en.json`]: () =>
        sample('onetrust/metabomb_variantA_domaindata_en.json', JSON_TYPE),
    }),
  };
}
