import { useEffect } from 'react';
import { useUi } from '@/components/store';
import { ChoicePicker } from '@/components/ChoicePicker';
import { CHOICE_LABELS } from '@/components/labels';
import { CookieExceptions } from '@/components/CookieExceptions';

export function Options() {
  const { settings, error, loadSettings, setDefaultChoice, setCookieException, setUnknownCookies } = useUi();
  useEffect(() => void loadSettings(), [loadSettings]);
  if (error) return <p role="alert">Cookie Warden: {error}</p>;
  if (!settings) return <p>Loading…</p>;
  const sites = Object.entries(settings.siteChoices).sort(([a], [b]) => a.localeCompare(b));
  return (
    <main data-testid="options">
      <h1>Cookie Warden</h1>
      <ChoicePicker
        id="default-choice"
        label="On every site:"
        value={settings.defaultChoice}
        onChange={(choice) => choice && void setDefaultChoice(choice)}
      />
      <p className="meta">
        Essential cookies (sessions, security, consent records) are never removed. Cookies of unknown purpose
        are kept and flagged. Every request carries Do Not Track and Global Privacy Control.
      </p>
      <h2>Sites with their own choice</h2>
      {sites.length === 0 ? (
        <p className="empty">None yet: choose per site from the toolbar popup.</p>
      ) : (
        <ul>
          {sites.map(([site, choice]) => (
            <li key={site}>
              {site}: {CHOICE_LABELS[choice]}
            </li>
          ))}
        </ul>
      )}
      <CookieExceptions
        settings={settings}
        onException={(site, name, rule) => void setCookieException(site, name, rule)}
        onUnknown={(value) => void setUnknownCookies(value)}
      />
    </main>
  );
}
