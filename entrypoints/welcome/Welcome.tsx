import { browser } from 'wxt/browser';
import { t } from '@/components/i18n';

/** First run: what it does, the default, the signals it sends; and where its button lives. Asks for nothing. */
export function Welcome() {
  const firefox = browser.runtime.getURL('/').startsWith('moz-extension:');
  return (
    <main className="welcome" data-testid="welcome">
      <header className="title-row">
        <img src="/icon/128.png" alt="" width="64" height="64" />
        <h1>{t('welcomeTitle')}</h1>
      </header>
      <p className="lead">{t('welcomeLead')}</p>
      <ol className="steps">
        <li>
          <h2>{t('welcomeStep1Title')}</h2>
          <p>{t('welcomeStep1Text')}</p>
        </li>
        <li>
          <h2>{t('welcomeStep2Title')}</h2>
          <p>{t('welcomeStep2Text')}</p>
        </li>
        <li>
          <h2>{t('welcomeStep3Title')}</h2>
          <p>{t('welcomeStep3Text')}</p>
        </li>
      </ol>
      <aside className="banner pin" data-testid="pin-hint">
        <p>{firefox ? t('welcomePinFirefox') : t('welcomePinChromium')}</p>
      </aside>
      <p>
        <button type="button" id="welcome-options" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('openOptions')}
        </button>
      </p>
      <p className="meta">{t('welcomePrivacy')}</p>
    </main>
  );
}
