import type { CookieRow } from '@/lib/messages';
import { actualLifetimeSeconds } from '@/lib/view/lifetime';
import { evidencePairs } from '@/lib/view/evidence';
import { safeHref } from '@/lib/view/links';
import { breachLabel, evidenceLabel, lifetimeLabel } from './labels';
import { formatDate, t } from './i18n';

/** The engine will attach evidence per breach kind; until then a row may not carry it. */
type RowWithEvidence = CookieRow & { evidence?: unknown };

function yesNo(b: boolean): string {
  return b ? t('yes') : t('no');
}

/** A cookie's details and, when it breaks the policy, the evidence: label / value pairs, all rendered as text. */
export function BreachEvidence({ row }: { row: RowWithEvidence }) {
  const href = safeHref(row.policyUrl);
  const facts: Array<[string, string]> = [
    [t('factDomain'), row.domain],
    [t('factPath'), row.path],
    [t('factParty'), row.thirdParty ? t('thirdParty') : t('firstParty')],
    [t('factSecure'), yesNo(row.secure)],
    [t('factHttpOnly'), yesNo(row.httpOnly)],
    [t('factSameSite'), row.sameSite ?? '—'],
    [t('factPartitioned'), yesNo(row.partitioned)],
    [t('factLifetime'), lifetimeLabel(actualLifetimeSeconds(row.expiresAt, row.lastSeen))],
    [t('factDeclaredLifetime'), row.declaredAs?.durationAsWritten ?? (row.declaredAs ? t('notStated') : t('notDeclared'))],
    [t('factDeclaredAs'), row.declaredAs ? row.declaredAs.name + (row.declaredAs.provider ? ` (${row.declaredAs.provider})` : '') : t('notDeclared')],
    [t('factFirstSeen'), formatDate(row.firstSeen, true)],
  ];
  const evidence = evidencePairs(row.evidence);
  return (
    <div className="evidence" data-testid="cookie-details">
      {row.breaches.length > 0 && (
        <p className="breach-kinds" data-testid="breach-kinds">
          <strong>{t('breachHeading')}</strong> {row.breaches.map(breachLabel).join('; ')}
        </p>
      )}
      <dl>
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
        {row.policyUrl && (
          <div>
            <dt>{t('factPolicy')}</dt>
            <dd>
              {href ? (
                <a href={href} target="_blank" rel="noreferrer noopener" className="url">
                  {row.policyUrl}
                </a>
              ) : (
                <span className="url">{row.policyUrl}</span>
              )}
            </dd>
          </div>
        )}
        {evidence.map((p) => (
          <div key={p.key} data-evidence={p.key}>
            <dt>{evidenceLabel(p.key)}</dt>
            <dd>{p.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
