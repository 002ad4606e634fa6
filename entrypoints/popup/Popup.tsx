import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { useUi } from '@/components/store';
import { CookieList } from '@/components/CookieList';
import { PolicySummary } from '@/components/PolicySummary';
import { SiteHeader } from '@/components/SiteHeader';
import { SignalSummary } from '@/components/SignalSummary';
import { BannerSummary } from '@/components/BannerSummary';
import { StorageWarning } from '@/components/StorageWarning';
import { countRows } from '@/lib/view/rows';
import { t } from '@/components/i18n';

const REFRESH_MS = 1_000;

/** Why there is no site to show: the tab is gone, or it is not a web page. */
type TabProblem = 'gone' | 'not-web' | null;

async function tabProblem(tabId: number): Promise<TabProblem> {
  try {
    const tab = await browser.tabs.get(tabId);
    return tab ? 'not-web' : 'gone';
  } catch {
    return 'gone';
  }
}

function Footer({ tabId, site }: { tabId: number; site: string | null }) {
  return (
    <footer className="popup-footer">
      {site && (
        <button
          type="button"
          data-testid="export-report"
          onClick={() => void browser.tabs.create({ url: browser.runtime.getURL(`/report.html?tabId=${tabId}`) })}
        >
          {t('exportReport')}
        </button>
      )}
      <button type="button" data-testid="open-options" onClick={() => void browser.runtime.openOptionsPage()}>
        {t('openOptions')}
      </button>
    </footer>
  );
}

export function Popup({ tabId }: { tabId: number | null }) {
  const { view, settings, error, choiceChanged, loadView, loadSettings, setSiteChoice, refreshPolicy } = useUi();
  const [problem, setProblem] = useState<TabProblem>(null);

  useEffect(() => {
    if (tabId === null) return;
    void loadSettings();
    void loadView(tabId);
    // Cookies keep arriving while the popup is open: mirror the background's state.
    const timer = setInterval(() => void loadView(tabId), REFRESH_MS);
    return () => clearInterval(timer);
  }, [tabId, loadView, loadSettings]);

  useEffect(() => {
    if (tabId !== null && view && !view.site) void tabProblem(tabId).then(setProblem);
    // When the first full view is on screen (measured by the e2e: the popup opens in ≤ 200 ms).
    if (view?.site && performance.getEntriesByName('cw-popup-ready').length === 0) performance.mark('cw-popup-ready');
  }, [tabId, view]);

  if (tabId === null) return <Notice text={t('noTab')} />;
  if (error) return <Notice text={t('errorText', error)} alert />;
  if (!view) return <Notice text={t('loading')} />;
  if (!view.site) {
    return (
      <main data-testid="popup" data-site="">
        <p data-testid="no-site" role="status">
          {problem === 'gone' ? t('tabGone') : problem === 'not-web' ? t('notWeb') : t('loading')}
        </p>
        <Footer tabId={tabId} site={null} />
      </main>
    );
  }

  const counts = countRows(view.cookies);
  // A choice change applies to cookies the site sets from now on; cookies removed earlier come back on reload.
  const offerReload = counts.allowedNow > 0 || (choiceChanged && view.cookies.length > 0);
  return (
    <main data-testid="popup" data-site={view.site}>
      <SiteHeader view={view} settings={settings} onChoice={(choice) => void setSiteChoice(view.site!, choice, tabId)} />
      <StorageWarning error={settings?.storageError ?? view.storageError} />
      <SignalSummary view={view} />
      <BannerSummary view={view} onSwitch={(on) => void useUi.getState().setSiteBanners(view.site!, on, tabId)} />
      {offerReload && (
        <p className="banner reload" role="status" data-testid="reload-offer">
          {t('reloadText')}{' '}
          <button
            type="button"
            data-testid="reload"
            onClick={() =>
              void browser.tabs.reload(tabId).then(() => {
                useUi.setState({ choiceChanged: false });
                return loadView(tabId);
              })
            }
          >
            {t('reloadButton')}
          </button>
        </p>
      )}
      <PolicySummary view={view} onCheckAgain={() => void refreshPolicy(tabId)} />
      <CookieList
        cookies={view.cookies}
        multipleSources={view.sources.length > 1}
        onException={(name, rule) => void useUi.getState().setCookieException(view.site!, name, rule).then(() => loadView(tabId))}
      />
      <Footer tabId={tabId} site={view.site} />
    </main>
  );
}

function Notice({ text, alert }: { text: string; alert?: boolean }) {
  return (
    <main data-testid="popup">
      <p role={alert ? 'alert' : 'status'}>{text}</p>
    </main>
  );
}
