import { reasonText } from './SignalSummary';
import type { Settings, SiteView } from '@/lib/messages';
import { verdictParts } from '@/lib/view/rows';
import { ChoicePicker } from './ChoicePicker';
import { choiceLabel } from './labels';
import { t, tn } from './i18n';

interface Props {
  view: SiteView;
  settings: Settings | null;
  onChoice: (choice: SiteView['choice']) => void;
}

/** The site, the verdict in one line (counted from the rows listed below), the choice and why it applies. */
export function SiteHeader({ view, settings, onChoice }: Props) {
  const signalReason = reasonText(view);
  const parts = verdictParts(view.cookies, view.policy);
  const defaultChoice = settings?.defaultChoice ?? (view.choice === null ? view.effectiveChoice : 'essential-only');
  return (
    <header className="site-header">
      <div className="title-row">
        <img src="/icon/32.png" alt="" width="24" height="24" />
        <h1 data-testid="site">{view.site}</h1>
      </div>
      <p className="verdict" data-testid="verdict">
        {parts.map((p, i) => (
          <span key={p.key} data-part={p.key} data-count={p.count}>
            {i > 0 && ' · '}
            {p.key === 'verdictNoCookies' ? t('verdictNoCookies') : tn(p.key, p.count)}
          </span>
        ))}
      </p>
      <details className="legend">
        <summary>{t('legendSummary')}</summary>
        <p>{t('legendText')}</p>
      </details>
      {settings?.paused && (
        <p className="banner paused" role="status" data-testid="paused-banner">
          {t('pausedBanner')}
        </p>
      )}
      <ChoicePicker
        id="site-choice"
        label={t('choiceOnThisSite')}
        value={view.choice}
        // Always offer the way back to the default, whatever this site's own choice is.
        defaultChoice={defaultChoice}
        onChange={onChoice}
        describedBy="choice-reason"
      />
      <p className="meta" id="choice-reason" data-testid="choice-reason">
        {/* The reason when it is not the person's own choice: the site does not honor DNT / GPC (issue 12). */}
        {signalReason ??
          (view.choice === null ? t('choiceReasonDefault') : t('choiceReasonSite', choiceLabel(defaultChoice))) +
            (view.dnt === 'ignored' ? ` ${t('dntIgnored')}` : '')}
      </p>
    </header>
  );
}
