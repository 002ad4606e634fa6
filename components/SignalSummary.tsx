import type { SiteView } from '@/lib/messages';
import { choiceLabel, purposeLabel } from './labels';

const SIGNAL_NAMES = { gpc: 'Global Privacy Control', dnt: 'Do Not Track' } as const;

/** Why the site gets the choice it gets, when that is not simply the user's (website text as text only). */
export function reasonText(view: SiteView): string | null {
  const s = view.signals;
  const ignored = s.source === 'gpc.json' ? 'says it does not honor GPC' : `says it ignores ${SIGNAL_NAMES[s.signal ?? 'dnt']}`;
  switch (view.choiceReason) {
    case 'signal-ignored':
      return `${choiceLabel('essential-only')}: this site ${ignored}`;
    case 'signal-silent':
      return `${choiceLabel('essential-only')}: this site says nothing about Do Not Track or GPC`;
    case 'signal-unknown':
      return `${choiceLabel('essential-only')} until we know what this site says about Do Not Track and GPC`;
    case 'signal-breach':
      return `${choiceLabel('essential-only')}: this site claims to honor GPC, sets tracking cookies`;
    case 'site-choice':
    case 'default':
      return null;
  }
}

function stanceText(view: SiteView): string {
  const s = view.signals;
  switch (s.stance) {
    case 'honors':
      return s.source === 'gpc.json'
        ? `Says it honors GPC (${s.gpcJson?.url ?? '/.well-known/gpc.json'}${s.gpcJson?.lastUpdate ? `, updated ${s.gpcJson.lastUpdate}` : ''})`
        : `Says it honors ${SIGNAL_NAMES[s.signal ?? 'gpc']}`;
    case 'ignores':
      return s.source === 'gpc.json' ? 'Says it does not honor GPC (gpc.json)' : `Says it ignores ${SIGNAL_NAMES[s.signal ?? 'dnt']}`;
    case 'silent':
      return 'Says nothing about Do Not Track or GPC';
    case 'unknown':
      return 'Reading what it says about Do Not Track and GPC…';
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
          Do Not Track and GPC sent. {stanceText(view)}
          {s.sentence ? `: “${s.sentence}”` : '.'}
        </p>
      ) : (
        <p className="meta" data-testid="signal-stance">
          Do Not Track and GPC are not sent (options).
        </p>
      )}
      {s.breach && (
        <div className="breach" data-testid="signal-breach" data-cookies={s.breach.cookies.map((c) => c.name).join(' ')}>
          <p>
            Breach: claims to honor GPC, sets tracking cookies (since {s.breach.on.slice(0, 10)}; claim:{' '}
            {s.breach.claim.source === 'gpc.json' ? (s.breach.claim.url ?? 'gpc.json') : 'its policy'})
          </p>
          <ul>
            {s.breach.cookies.map((c) => (
              <li key={`${c.name}|${c.domain}`}>
                {c.name} ({purposeLabel(c.purpose)}, {c.domain}, set {c.at.slice(0, 19).replace('T', ' ')} UTC)
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
