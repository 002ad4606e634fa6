import type { Choice } from '@/lib/types';
import { CHOICES } from '@/lib/types';
import { choiceLabel } from './labels';
import { t } from './i18n';

interface Props {
  value: Choice | null;
  /** Offer "Default (…)" when given: the per-site picker. */
  defaultChoice?: Choice;
  onChange: (choice: Choice | null) => void;
  id: string;
  label: string;
  describedBy?: string;
  /** The label is still read by screen readers, but not shown (a table column names it). */
  hideLabel?: boolean;
}

export function ChoicePicker({ value, defaultChoice, onChange, id, label, describedBy, hideLabel }: Props) {
  return (
    <div className="choice">
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <select
        id={id}
        value={value ?? ''}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value === '' ? null : (e.target.value as Choice))}
      >
        {defaultChoice && <option value="">{t('choiceDefaultOption', choiceLabel(defaultChoice))}</option>}
        {CHOICES.map((c) => (
          <option key={c} value={c}>
            {choiceLabel(c)}
          </option>
        ))}
      </select>
    </div>
  );
}
