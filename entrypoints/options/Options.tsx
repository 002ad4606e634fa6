import { useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { browserDoNotTrack } from '@/components/api';
import { useUi } from '@/components/store';
import { ChoicePicker } from '@/components/ChoicePicker';
import { t, tn, type MessageKey } from '@/components/i18n';
import { StorageWarning } from '@/components/StorageWarning';
import { CookieExceptions } from '@/components/CookieExceptions';
import { choiceLabel } from '@/components/labels';
import { COMPONENTS } from '@/lib/about';
import { RETENTION_MAX_DAYS, RETENTION_MIN_DAYS } from '@/lib/storage/settings';
import { exportSettings, parseExportText, type ImportNote, type ImportProblem } from '@/lib/storage/transfer';
import { safeHref } from '@/lib/view/links';
import { download } from '@/components/download';

const PROBLEM_KEYS: Record<ImportProblem, MessageKey> = {
  'not-json': 'importNotJson',
  'not-ours': 'importNotOurs',
  newer: 'importNewer',
  'no-settings': 'importNoSettings',
};

function noteText(n: ImportNote): string {
  switch (n.kind) {
    case 'kept-current':
      return t('importNoteKept', n.field);
    case 'missing':
      return t('importNoteMissing', n.field);
    case 'skipped-entries':
      return t('importNoteSkipped', n.count, n.field);
    case 'unknown-field':
      return t('importNoteUnknown', n.field);
    case 'migrated':
      return t('importNoteMigrated', n.from);
  }
}


const MAX_IMPORT_BYTES = 1_000_000;

export function Options() {
  const ui = useUi();
  const { settings, error } = ui;
  const [message, setMessage] = useState<{ text: string; notes: string[]; bad?: boolean } | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const [browserDnt, setBrowserDnt] = useState<boolean | null>(null);
  useEffect(() => void ui.loadSettings(), [ui.loadSettings]);
  useEffect(() => void browserDoNotTrack().then(setBrowserDnt), []);
  if (error) return <p role="alert">{t('errorText', error)}</p>;
  if (!settings) return <p role="status">{t('loading')}</p>;
  const sites = Object.entries(settings.siteChoices).sort(([a], [b]) => a.localeCompare(b));

  async function onImport(file: File) {
    if (file.size > MAX_IMPORT_BYTES) {
      setMessage({ text: t('importTooLarge'), notes: [], bad: true });
      return;
    }
    const result = await ui.importSettings(parseExportText(await file.text()));
    if (!result) return;
    if (!result.ok) setMessage({ text: t(PROBLEM_KEYS[result.problem]), notes: [t('importNothingChanged')], bad: true });
    else setMessage({ text: t('importDone'), notes: result.notes.map(noteText) });
  }

  return (
    <main data-testid="options" className="options">
      <header className="title-row">
        <img src="/icon/48.png" alt="" width="32" height="32" />
        <h1>{t('optionsTitle')}</h1>
      </header>
      <StorageWarning error={settings.storageError} />

      <section aria-labelledby="h-protection">
        <h2 id="h-protection">{t('optionsProtection')}</h2>
        <div className="switch-row">
          <input
            type="checkbox"
            id="paused"
            role="switch"
            checked={settings.paused}
            aria-describedby="paused-help"
            onChange={(e) => void ui.setPaused(e.target.checked)}
          />
          <label htmlFor="paused">{t('pauseLabel')}</label>
        </div>
        <p className="meta" id="paused-help">
          {t('pauseHelp')}
        </p>
        <ChoicePicker
          id="default-choice"
          label={t('choiceOnEverySite')}
          value={settings.defaultChoice}
          onChange={(choice) => choice && void ui.setDefaultChoice(choice)}
          describedBy="default-help"
        />
        <p className="meta" id="default-help">
          {t('defaultHelp')}
        </p>
      </section>

      <section aria-labelledby="h-banners" className="banners">
        <h2 id="h-banners">{t('bannerHeading')}</h2>
        <label htmlFor="answer-banners">
          <input
            id="answer-banners"
            type="checkbox"
            data-testid="answer-banners"
            checked={settings.answerBanners}
            aria-describedby="answer-banners-help"
            onChange={(e) => void ui.setAnswerBanners(e.target.checked)}
          />{' '}
          {t('optionsAnswerBanners')}
        </label>
        <p className="meta" id="answer-banners-help">
          {t('optionsAnswerBannersHelp')}
        </p>
      </section>

      <section aria-labelledby="h-signals" className="signals">
        <h2 id="h-signals">{t('optionsSignals')}</h2>
        <label className="signals-option" htmlFor="send-signals">
          <input id="send-signals" type="checkbox" checked={settings.sendSignals} onChange={(e) => void ui.setSendSignals(e.target.checked)} />{' '}
          {t('sendSignalsLabel')}
        </label>
        <p className="meta" data-testid="signals-explained">
          {settings.sendSignals ? t('signalsOnHelp', choiceLabel('essential-only')) : t('signalsOffHelp')}
        </p>
        {browserDnt !== null && (
          <p className="meta" data-testid="browser-dnt" data-on={String(browserDnt)}>
            {t(browserDnt ? 'browserDntOn' : 'browserDntOff')}
          </p>
        )}
      </section>

      <section aria-labelledby="h-sites">
        <h2 id="h-sites">{t('optionsSites')}</h2>
        {sites.length === 0 ? (
          <p className="empty">{t('optionsSitesNone')}</p>
        ) : (
          <table className="sites" data-testid="site-choices">
            <thead>
              <tr>
                <th scope="col">{t('colSite')}</th>
                <th scope="col">{t('colChoice')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('colActions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sites.map(([site, choice], i) => (
                <tr key={site} data-site={site}>
                  <td>{site}</td>
                  <td>
                    <ChoicePicker
                      id={`site-choice-${i}`}
                      label={t('choiceForSite', site)}
                      value={choice}
                      onChange={(c) => c && void ui.setSiteChoice(site, c, null)}
                      hideLabel
                    />
                  </td>
                  <td>
                    <button type="button" data-remove-site={site} onClick={() => void ui.setSiteChoice(site, null, null)}>
                      {t('removeSite')}
                      <span className="visually-hidden"> {t('removeSiteLabel', site)}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>

      <CookieExceptions
        settings={settings}
        onException={(site, name, rule) => void ui.setCookieException(site, name, rule)}
        onUnknown={(value) => void ui.setUnknownCookies(value)}
      />

      <section aria-labelledby="h-history">
        <h2 id="h-history">{t('optionsHistory')}</h2>
        <div className="choice">
          <label htmlFor="retention">{t('retentionLabel')}</label>
          <input
            id="retention"
            type="number"
            min={RETENTION_MIN_DAYS}
            max={RETENTION_MAX_DAYS}
            defaultValue={settings.retentionDays}
            key={settings.retentionDays}
            aria-describedby="retention-help"
            onBlur={(e) => {
              const days = Number(e.target.value);
              if (Number.isInteger(days) && days >= RETENTION_MIN_DAYS && days <= RETENTION_MAX_DAYS) void ui.setRetention(days);
              else e.target.value = String(settings.retentionDays);
            }}
          />
        </div>
        <p className="meta" id="retention-help">
          {t('retentionHelp', RETENTION_MIN_DAYS, RETENTION_MAX_DAYS)}
        </p>
        <button
          type="button"
          id="clear-history"
          onClick={() =>
            void ui.clearHistory().then((n) => n !== null && setMessage({ text: tn('historyCleared', n), notes: [] }))
          }
        >
          {t('clearHistory')}
        </button>
      </section>

      <section aria-labelledby="h-backup">
        <h2 id="h-backup">{t('optionsBackup')}</h2>
        <p className="meta">{t('backupHelp')}</p>
        <div className="button-row">
          <button
            type="button"
            id="export-settings"
            onClick={() =>
              download(
                'cookie-warden-settings.json',
                JSON.stringify(exportSettings(settings, new Date()), null, 2),
                'application/json',
              )
            }
          >
            {t('exportSettings')}
          </button>
          {/* The file input is reached by Tab and shows its focus on the label that stands for it. */}
          <input
            ref={fileInput}
            id="import-file"
            type="file"
            accept="application/json,.json"
            className="visually-hidden file-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void onImport(file);
              e.target.value = '';
            }}
          />
          <label className="button" htmlFor="import-file">
            {t('importSettings')}
          </label>
          <button type="button" id="reset-settings" onClick={() => setConfirmReset(true)}>
            {t('resetSettings')}
          </button>
        </div>
        {confirmReset && (
          <div className="confirm" role="alertdialog" aria-labelledby="reset-question" data-testid="reset-confirm">
            <p id="reset-question">{t('resetQuestion')}</p>
            <button
              type="button"
              id="reset-yes"
              onClick={() => {
                setConfirmReset(false);
                void ui.resetSettings().then(() => setMessage({ text: t('resetDone'), notes: [] }));
              }}
            >
              {t('resetYes')}
            </button>{' '}
            <button type="button" id="reset-no" autoFocus onClick={() => setConfirmReset(false)}>
              {t('resetNo')}
            </button>
          </div>
        )}
        {message && (
          <div className={message.bad ? 'banner bad' : 'banner'} role="status" data-testid="options-message">
            <p>{message.text}</p>
            {message.notes.length > 0 && (
              <ul>
                {message.notes.map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            )}
          </div>
        )}
      </section>

      <section aria-labelledby="h-about">
        <h2 id="h-about">{t('optionsAbout')}</h2>
        <table className="about" data-testid="components">
          <thead>
            <tr>
              <th scope="col">{t('colComponent')}</th>
              <th scope="col">{t('colVersion')}</th>
              <th scope="col">{t('colLicence')}</th>
            </tr>
          </thead>
          <tbody>
            {COMPONENTS.map((c) => {
              const href = safeHref(c.url);
              return (
                <tr key={c.id}>
                  <td>{href ? <a href={href} target="_blank" rel="noreferrer noopener">{t(c.id)}</a> : t(c.id)}</td>
                  <td>{c.version}</td>
                  <td>{c.licence}</td>
                </tr>
              );
            })}
            <tr>
              <td>{t('kbExtension')}</td>
              <td>{browser.runtime.getManifest().version}</td>
              <td>MIT</td>
            </tr>
          </tbody>
        </table>
        <p className="meta">{t('noValuesNote')}</p>
      </section>
    </main>
  );
}
