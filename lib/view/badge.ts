/**
 * The toolbar badge for one site: the number of its cookies in breach, coloured by the worst breach kind,
 * and a tooltip that says it in words (the adapter translates the message key).
 */

/** Worse kinds first. Kinds the engine adds later and this list does not know yet count as 'serious'. */
const SEVERITY: Record<string, Severity> = {
  'despite-refusal': 'severe',
  'banner-refusal': 'severe',
  'wrong-purpose': 'serious',
  lifetime: 'serious',
  'undisclosed-third-party': 'notice',
  undeclared: 'notice',
};

export type Severity = 'severe' | 'serious' | 'notice';
const RANK: Record<Severity, number> = { severe: 3, serious: 2, notice: 1 };

export const BADGE_COLORS: Record<Severity | 'paused', string> = {
  severe: '#b00020',
  serious: '#c2410c',
  notice: '#8a5a00',
  paused: '#5f6368',
};

function severityOf(kind: string): Severity {
  return SEVERITY[kind] ?? 'serious';
}

export interface Badge {
  text: string;
  color: string;
  /** Message key of the tooltip and its substitutions (count, site). */
  title: { key: 'badgeTitleNone' | 'badgeTitleBreaches' | 'badgeTitlePaused' | 'badgeTitleIdle'; subs: string[] };
  worst: Severity | null;
}

/** `breaches`: each breaching cookie's kinds (one array per cookie). */
export function badgeFor(site: string | null, breaches: Iterable<readonly string[]>, paused: boolean): Badge {
  let count = 0;
  let worst: Severity | null = null;
  for (const kinds of breaches) {
    if (kinds.length === 0) continue;
    count++;
    for (const k of kinds) {
      const s = severityOf(k);
      if (worst === null || RANK[s] > RANK[worst]) worst = s;
    }
  }
  const text = count > 0 ? String(Math.min(count, 999)) : '';
  if (paused) return { text, color: BADGE_COLORS.paused, title: { key: 'badgeTitlePaused', subs: [String(count)] }, worst };
  if (!site) return { text: '', color: BADGE_COLORS.notice, title: { key: 'badgeTitleIdle', subs: [] }, worst: null };
  if (count === 0) return { text, color: BADGE_COLORS.notice, title: { key: 'badgeTitleNone', subs: [site] }, worst };
  return { text, color: BADGE_COLORS[worst!], title: { key: 'badgeTitleBreaches', subs: [String(count), site] }, worst };
}
