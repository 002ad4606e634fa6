/**
 * Per-cookie exceptions ("always allow" / "always remove", per site) and the setting for undeclared cookies
 * of unknown purpose (issue 11). Deliberately plain: a list with remove buttons and a small form; the data
 * and callbacks come from the page.
 */
import { useState } from 'react';
import type { CookieException, Settings, UnknownCookies } from '@/lib/types';

const RULE_LABELS: Record<CookieException, string> = { allow: 'Always allow', remove: 'Always remove' };

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
      <h2>Cookie exceptions</h2>
      <p className="meta">
        An exception changes this site's say only: a cookie that another site owns and needs (its login) is never
        removed because of it.
      </p>
      {rows.length === 0 ? (
        <p className="empty">None yet.</p>
      ) : (
        <ul>
          {rows.map((r) => (
            <li key={`${r.site}|${r.name}`} data-testid="cookie-exception" data-site={r.site} data-name={r.name} data-rule={r.rule}>
              {r.site}: <code>{r.name}</code> — {RULE_LABELS[r.rule]}{' '}
              <button type="button" data-testid="remove-exception" onClick={() => onException(r.site, r.name, null)}>
                Remove
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
        <input aria-label="Site" placeholder="example.com" value={site} onChange={(e) => setSite(e.target.value)} data-testid="exception-site" />
        <input aria-label="Cookie name" placeholder="cookie name" value={name} onChange={(e) => setName(e.target.value)} data-testid="exception-name" />
        <select aria-label="Exception" value={rule} onChange={(e) => setRule(e.target.value as CookieException)} data-testid="exception-rule">
          <option value="allow">{RULE_LABELS.allow}</option>
          <option value="remove">{RULE_LABELS.remove}</option>
        </select>
        <button type="submit">Add</button>
      </form>
      <label className="choice" htmlFor="unknown-cookies">
        <span>Undeclared cookies of unknown purpose:</span>
        <select id="unknown-cookies" data-testid="unknown-cookies" value={settings.unknownCookies} onChange={(e) => onUnknown(e.target.value as UnknownCookies)}>
          <option value="keep">Keep and flag</option>
          <option value="remove">Remove (once the site's policy was read)</option>
        </select>
      </label>
    </section>
  );
}
