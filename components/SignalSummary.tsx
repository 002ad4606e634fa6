import type { SiteView } from '@/lib/messages';
import { choiceLabel, purposeLabel } from './labels';
import { t } from './i18n';

const SIGNAL_NAMES = { gpc: 'Global Privacy Control', dnt: 'Do Not Track' } as const;

/** Why the site gets the choice it gets, when that is not simply the user's (website text as text only). */
export function reasonText(view: SiteView): string | null {
  const s = view.signals;
  const essential = choiceLabel('essential-only');
  switch (view.choiceReason) {
    case 'signal-ignored':
      return s.source === 'gpc.json' ? t('reasonSignalIgnoredGpcJson', essential) : t('reasonSignalIgnored', essential, SIGNAL_NAMES[s.signal ?? 'dnt']);
    case 'signal-silent':
      return t('reasonSignalSilent', essential);
    case 'signal-unknown':
      return t('reasonSignalUnknown', essential);
    case 'signal-breach':
      return t('reasonSignalBreach', essential);
    case 'site-choice':
    case 'default':
      return null;
  }
}

function stanceText(view: SiteView): string {
  const s = view.signals;
  switch (s.stance) {
    case 'honors':
      if (s.source !== 'gpc.json') return t('stanceHonors', SIGNAL_NAMES[s.signal ?? 'gpc']);
      return s.gpcJson?.lastUpdate
        ? t('stanceHonorsGpcJsonUpdated', s.gpcJson.url ?? '/.well-known/gpc.json', s.gpcJson.lastUpdate)
        : t('stanceHonorsGpcJson', s.gpcJson?.url ?? '/.well-known/gpc.json');
    case 'ignores':
      return s.source === 'gpc.json' ? t('stanceIgnoresGpcJson') : t('stanceIgnores', SIGNAL_NAMES[s.signal ?? 'dnt']);
    case 'silent':
      return t('stanceSilent');
    case 'unknown':
      return t('stanceUnknown');
  }
}

/** What the site says about DNT / GPC, the choice that follows, and a breach of its claim with the evidence. */
export function SignalSummary({ view }: { view: SiteView }) {
  const s = view.signals;
  const reason = reasonText(view);
  return (
    <section className="signals" data-testid="signals" data-stance={s.stance} data-reason={view.choiceReason}>
      {reason && (
        <p className="reason" data-testid="signal-reason">
          {reason}
        </p>
      )}
      {s.sending ? (
        <p className="meta" data-testid="signal-stance">
          {s.sentence ? t('signalsSentStanceQuote', stanceText(view), s.sentence) : t('signalsSentStance', stanceText(view))}
        </p>
      ) : (
        <p className="meta" data-testid="signal-stance">
          {t('signalsNotSent')}
        </p>
      )}
      {s.breach && (
        <div className="breach" data-testid="signal-breach" data-cookies={s.breach.cookies.map((c) => c.name).join(' ')}>
          <p>
            {t(
              'signalBreachLine',
              s.breach.on.slice(0, 10),
              s.breach.claim.source === 'gpc.json' ? (s.breach.claim.url ?? 'gpc.json') : t('signalClaimPolicy'),
            )}
          </p>
          <ul>
            {s.breach.cookies.map((c) => (
              <li key={`${c.name}|${c.domain}`}>
                {t('signalBreachCookie', c.name, purposeLabel(c.purpose), c.domain, c.at.slice(0, 19).replace('T', ' '))}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
