import { useEffect, useState } from 'react';
import { browserDoNotTrack } from '@/components/api';
import { useUi } from '@/components/store';
import { ChoicePicker } from '@/components/ChoicePicker';
import { CHOICE_LABELS } from '@/components/labels';
import { StorageWarning } from '@/components/StorageWarning';

export function Options() {
  const { settings, error, loadSettings, setDefaultChoice, setSendSignals } = useUi();
  const [browserDnt, setBrowserDnt] = useState<boolean | null>(null);
  useEffect(() => void loadSettings(), [loadSettings]);
  useEffect(() => void browserDoNotTrack().then(setBrowserDnt), []);
  if (error) return <p role="alert">Cookie Warden: {error}</p>;
  if (!settings) return <p>Loading…</p>;
  const sites = Object.entries(settings.siteChoices).sort(([a], [b]) => a.localeCompare(b));
  return (
    <main data-testid="options">
      <h1>Cookie Warden</h1>
      <StorageWarning error={settings.storageError} />
      <ChoicePicker
        id="default-choice"
        label="On every site:"
        value={settings.defaultChoice}
        onChange={(choice) => choice && void setDefaultChoice(choice)}
      />
      <p className="meta">
        Essential cookies (sessions, security, consent records) are never removed. Cookies of unknown purpose
        are kept and flagged.
      </p>
      <label className="signals-option" htmlFor="send-signals">
        <input
          id="send-signals"
          type="checkbox"
          checked={settings.sendSignals}
          onChange={(e) => void setSendSignals(e.target.checked)}
        />{' '}
        Send Do Not Track and Global Privacy Control
      </label>
      <p className="meta" data-testid="signals-explained">
        {settings.sendSignals
          ? 'Every request carries DNT: 1 and Sec-GPC: 1, and pages see navigator.globalPrivacyControl. A site that does not say it honors them gets “Essential only” unless you choose otherwise for it; a site that says it does and still sets tracking cookies is reported and gets “Essential only”.'
          : 'Off: requests and pages carry neither signal, and sites get your choices as they are.'}
      </p>
      {browserDnt !== null && (
        <p className="meta" data-testid="browser-dnt" data-on={String(browserDnt)}>
          The browser’s own “Send a Do Not Track request” setting is {browserDnt ? 'on' : 'off'} (it sends DNT only, not GPC;
          change it in the browser’s privacy settings).
        </p>
      )}
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
    </main>
  );
}
