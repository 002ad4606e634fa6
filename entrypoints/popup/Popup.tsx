import { useEffect } from 'react';
import { useUi } from '@/components/store';
import { CookieTable } from '@/components/CookieTable';
import { PolicySummary } from '@/components/PolicySummary';
import { ChoicePicker } from '@/components/ChoicePicker';
import { SignalSummary } from '@/components/SignalSummary';
import { StorageWarning } from '@/components/StorageWarning';

const REFRESH_MS = 1_000;

export function Popup({ tabId }: { tabId: number | null }) {
  const { view, settings, error, loadView, loadSettings, setSiteChoice, refreshPolicy } = useUi();

  useEffect(() => {
    if (tabId === null) return;
    void loadSettings();
    void loadView(tabId);
    // Cookies keep arriving while the popup is open: mirror the background's state.
    const timer = setInterval(() => void loadView(tabId), REFRESH_MS);
    return () => clearInterval(timer);
  }, [tabId, loadView, loadSettings]);

  if (tabId === null) return <p>No tab.</p>;
  if (error) return <p role="alert">Cookie Warden: {error}</p>;
  if (!view) return <p>Loading…</p>;
  if (!view.site) return <p>Cookie Warden works on web sites (http and https).</p>;

  return (
    <main data-testid="popup" data-site={view.site}>
      <h1>
        {view.site}{' '}
        <span className="meta" data-testid="breach-count">
          {view.breaches} breach{view.breaches === 1 ? '' : 'es'} of its own policy
        </span>
      </h1>
      <StorageWarning error={settings?.storageError ?? view.storageError} />
      <ChoicePicker
        id="site-choice"
        label="On this site:"
        value={view.choice}
        // Always offer the way back to the default, whatever this site's own choice is.
        defaultChoice={settings?.defaultChoice ?? (view.choice === null ? view.effectiveChoice : 'essential-only')}
        onChange={(choice) => void setSiteChoice(view.site!, choice, tabId)}
      />
      <SignalSummary view={view} />
      <PolicySummary view={view} onCheckAgain={() => void refreshPolicy(tabId)} />
      <CookieTable cookies={view.cookies} />
    </main>
  );
}
