/**
 * Issue 15: the consent banner on this site: what was answered, what its platform recorded (its own record is
 * the proof), a breach with its evidence, and the per-site switch "answer banners here".
 */
import type { SiteView } from '@/lib/messages';
import type { Choice } from '@/lib/types';
import { t, formatDate } from './i18n';
import { purposeLabel } from './labels';
import type { MessageKey } from './i18n';

const RECORDED_KEYS: Record<Choice | 'custom', MessageKey> = {
  'essential-only': 'bannerChoiceEssentialOnly',
  'essential-functional': 'bannerChoiceEssentialFunctional',
  'allow-all': 'bannerChoiceAllowAll',
  custom: 'bannerChoiceCustom',
};
const recordedLabel = (c: Choice | 'custom') => t(RECORDED_KEYS[c]);

export function BannerSummary({ view, onSwitch }: { view: SiteView; onSwitch: (on: boolean) => void }) {
  const banner = view.banner ?? null;
  const v = banner?.verdict;
  const after = banner?.afterRefusal ?? [];
  const purposes = [...new Set(after.map((c) => purposeLabel(c.purpose).toLowerCase()))].join(', ');
  return (
    <section className="banner-answer" data-testid="banner" data-status={v?.status ?? 'none'} data-platform={v?.platform ?? ''}>
      <label htmlFor="answer-banners-here" title={t('bannerSwitchHelp')}>
        <input
          id="answer-banners-here"
          type="checkbox"
          data-testid="answer-banners-here"
          checked={view.answerBanners ?? true}
          onChange={(e) => onSwitch(e.target.checked)}
        />{' '}
        {t('bannerSwitch')}
      </label>
      {!v && <p className="meta" data-testid="banner-line">{t('bannerNone')}</p>}
      {v && v.via !== 'autoconsent' && v.status === 'recorded' && v.recordedAs && (
        <p data-testid="banner-line">{t('bannerAnswered', recordedLabel(v.recordedAs), v.platform)}</p>
      )}
      {v && v.via !== 'autoconsent' && v.status === 'not-recorded' && (
        <p data-testid="banner-line">{t('bannerNotRecorded', recordedLabel(v.asked), v.platform)}</p>
      )}
      {v && v.via === 'autoconsent' && (
        <p data-testid="banner-line" className={v.status === 'not-recorded' ? 'breach' : undefined}>
          {v.status === 'recorded'
            ? t('bannerAnsweredRule', recordedLabel('essential-only'), v.platform)
            : v.status === 'unverified'
              ? t('bannerUnverifiedRule', recordedLabel('essential-only'), v.platform)
              : t('bannerNotRecordedRule', v.platform)}
        </p>
      )}
      {v && v.status === 'recorded-other' && (
        <p className="breach" data-testid="banner-line">
          {t('bannerRecordedOther', v.platform, recordedLabel(v.recordedAs ?? 'custom'), recordedLabel(v.asked), v.refusedButGranted.map((g) => `${g.id}: ${purposeLabel(g.purpose)}`).join(', '))}
        </p>
      )}
      {v && v.status === 'recorded' && banner && !banner.hidden && <p className="meta">{t('bannerStillShown')}</p>}
      {after.length > 0 && (
        <div className="breach" data-testid="banner-breach" data-cookies={after.map((c) => c.name).join(' ')}>
          <p>{t('bannerAfterRefusal', purposes)}</p>
          <ul>
            {after.map((c) => (
              <li key={`${c.name}|${c.domain}`}>
                {c.name} ({purposeLabel(c.purpose)}, {c.domain}, {formatDate(c.at, true)}; {v?.platform} {v?.cookieName} {formatDate(banner!.recordedAt, true)})
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
