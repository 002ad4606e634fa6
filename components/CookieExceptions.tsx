/**
 * Per-cookie exceptions ("always allow" / "always remove", per site) and the setting for undeclared cookies
 * of unknown purpose (issue 11). Deliberately plain: a list with remove buttons and a small form; the data
 * and callbacks come from the page.
 */
import { useState } from 'react';
import type { CookieException, Settings, UnknownCookies } from '@/lib/types';
import { t, type MessageKey } from './i18n';

const RULE_KEYS: Record<CookieException, MessageKey> = { allow: 'exceptionRuleAllow', remove: 'exceptionRuleRemove' };

interface Props {
  settings: Settings;
  onException: (site: string, name: string, rule: CookieException | null) => void;
  onUnknown: (value: UnknownCookies) => void;
}

export function CookieExceptions({ settings, onException, onUnknown }: Props) {
  const [site, setSite] = useState('');
  const [name, setName] = useState('');
  const [rule, setRule] = useState<CookieException>('allow');
  const rows = Object.entries(settings.cookieExceptions)
    .flatMap(([s, names]) => Object.entries(names).map(([n, r]) => ({ site: s, name: n, rule: r })))
    .sort((a, b) => a.site.localeCompare(b.site) || a.name.localeCompare(b.name));
  return (
    <section data-testid="cookie-exceptions">
      <h2>{t('exceptionsHeading')}</h2>
      <p className="meta">{t('exceptionsHelp')}</p>
      {rows.length === 0 ? (
        <p className="empty">{t('exceptionsNone')}</p>
      ) : (
        <ul>
          {rows.map((r) => (
            <li key={`${r.site}|${r.name}`} data-testid="cookie-exception" data-site={r.site} data-name={r.name} data-rule={r.rule}>
              {r.site}: <code>{r.name}</code> — {t(RULE_KEYS[r.rule])}{' '}
              <button type="button" data-testid="remove-exception" onClick={() => onException(r.site, r.name, null)}>
                {t('exceptionDelete')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        data-testid="add-exception"
        onSubmit={(e) => {
          e.preventDefault();
          if (site.trim() && name.trim()) onException(site.trim().toLowerCase(), name.trim(), rule);
          setName('');
        }}
      >
        <input aria-label={t('exceptionSiteLabel')} placeholder="example.com" value={site} onChange={(e) => setSite(e.target.value)} data-testid="exception-site" />
        <input aria-label={t('exceptionNameLabel')} placeholder={t('exceptionNamePlaceholder')} value={name} onChange={(e) => setName(e.target.value)} data-testid="exception-name" />
        <select aria-label={t('exceptionRuleLabel')} value={rule} onChange={(e) => setRule(e.target.value as CookieException)} data-testid="exception-rule">
          <option value="allow">{t(RULE_KEYS.allow)}</option>
          <option value="remove">{t(RULE_KEYS.remove)}</option>
        </select>
        <button type="submit">{t('exceptionAdd')}</button>
      </form>
      <label className="choice" htmlFor="unknown-cookies">
        <span>{t('unknownCookiesLabel')}</span>
        <select id="unknown-cookies" data-testid="unknown-cookies" value={settings.unknownCookies} onChange={(e) => onUnknown(e.target.value as UnknownCookies)}>
          <option value="keep">{t('unknownCookiesKeep')}</option>
          <option value="remove">{t('unknownCookiesRemove')}</option>
        </select>
      </label>
    </section>
  );
}
