/** What the popup shows about DNT / GPC for a site (plain data for lib/messages.ts SiteView). */
import type { SignalBreach, SignalSiteEntry } from './book';
import type { SiteStance, StanceKind } from './stance';

export interface SignalView {
  /** The option "Send Do Not Track and Global Privacy Control". */
  sending: boolean;
  stance: StanceKind;
  source: SiteStance['source'];
  signal: SiteStance['signal'];
  /** The policy's sentence (website text: render as text only). */
  sentence: string | null;
  gpcJson: { url: string; claim: boolean | null; lastUpdate: string | null; problem: string | null; checkedAt: string } | null;
  breach: SignalBreach | null;
}

export function signalView(sending: boolean, stance: SiteStance | null, entry: SignalSiteEntry | null): SignalView {
  const g = entry?.gpc ?? null;
  return {
    sending,
    stance: stance?.stance ?? 'unknown',
    source: stance?.source ?? null,
    signal: stance?.signal ?? null,
    sentence: stance?.sentence ?? null,
    gpcJson: g
      ? { url: g.url, claim: g.claim?.gpc ?? null, lastUpdate: g.claim?.lastUpdate ?? null, problem: g.problem, checkedAt: g.checkedAt }
      : null,
    breach: entry?.breach ?? null,
  };
}
