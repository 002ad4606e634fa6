/**
 * The classifier: a purpose for an undeclared cookie from its name alone, when the knowledge base has
 * nothing or to cross-check it. Deliberately conservative: it answers only for well-known shapes and
 * says 'unknown' otherwise. (A learned classifier, CookieBlock-style, is a later issue.)
 */
import type { Purpose } from '../types';

const RULES: Array<[Purpose, RegExp]> = [
  ['essential', /^(?:__Host-|__Secure-)|sess(?:ion)?(?:id)?\b|^sid$|^s?sid_|csrf|xsrf|^_?token$|auth|login|logged_?in|^remember_|consent|cookielawinfo|cookieyes|cky-consent|^OptanonAlertBoxClosed$|^OptanonConsent$|^euconsent|^__cf_bm$|^cf_clearance$|^__cflb$|^AWSALB|^AWSELB|^BIGipServer|^ARRAffinity|^JSESSIONID$|^PHPSESSID$|^ASP\.NET_SessionId$|^laravel_session$|^XSRF-TOKEN$|^wordpress_logged_in|^wp-settings/i],
  ['analytics', /^_ga(?:_|$)|^_gid$|^_gat|^__utm[abcztv]|^_pk_(?:id|ses|ref|cvar|hsr)|^_hj|^mp_|^amplitude|^ajs_|^_clck$|^_clsk$|^_dc_gtm_|^__hssrc$|^__hstc$|^_vwo_|^_vis_opt_|^optimizely|^s_(?:cc|sq|vi|fid)$|^_sp_(?:id|ses)|^_parsely|^_chartbeat/i],
  ['advertising', /^_fbp$|^_fbc$|^fr$|^_gcl_|^IDE$|^test_cookie$|^__gads$|^__gpi$|^_uet(?:sid|vid)$|^MUID$|^_ttp$|^_tt_enable_cookie$|^_pin_unauth$|^li_(?:sugr|fat_id)$|^bcookie$|^lidc$|^_scid$|^_rdt_uuid$|^IDSYNC$|^uuid2$|^anj$|^everest_|^criteo|^cto_/i],
  ['functional', /lang(?:uage)?$|^locale$|^i18n|pref(?:erence)?s?$|^theme$|^currency$|^timezone$|^tz$|^dark_?mode$/i],
];

export function classifyName(name: string): Purpose {
  if (name.length === 0 || name.length > 256) return 'unknown';
  for (const [purpose, re] of RULES) {
    if (re.test(name)) return purpose;
  }
  return 'unknown';
}
