/**
 * Issue 15: the cookies in which consent platforms keep the visitor's answer. They prove the answer, so they
 * are essential: never removed, never evidence against the site. The classifier alone called tarteaucitron's
 * `tarteaucitron=!shopstats=false` functional and removed it under "essential only" (found end to end), which
 * made the banner come back on every page.
 */
const EXACT = new Set(['klaro', 'tarteaucitron', 'CookieConsent', 'OptanonConsent', 'OptanonAlertBoxClosed', 'euconsent-v2']);

/** vanilla-cookieconsent names its cookie `cc_cookie` by default; sites rename it (`cc_cookie_demo2`). */
export function isConsentRecordName(name: string): boolean {
  return EXACT.has(name) || name.startsWith('cc_cookie');
}

export const CONSENT_RECORD_COOKIES: readonly string[] = [...EXACT, 'cc_cookie'];
