import type { Choice } from '@/lib/types';
import { CHOICES } from '@/lib/types';
import { CHOICE_LABELS } from './labels';

interface Props {
  value: Choice | null;
  /** Offer "Use default (…)" when given: the per-site picker. */
  defaultChoice?: Choice;
  onChange: (choice: Choice | null) => void;
  id: string;
  label: string;
}

export function ChoicePicker({ value, defaultChoice, onChange, id, label }: Props) {
  return (
    <label className="choice" htmlFor={id}>
      <span>{label}</span>
      <select
        id={id}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? null : (e.target.value as Choice))}
      >
        {defaultChoice && <option value="">Default ({CHOICE_LABELS[defaultChoice]})</option>}
        {CHOICES.map((c) => (
          <option key={c} value={c}>
            {CHOICE_LABELS[c]}
          </option>
        ))}
      </select>
    </label>
  );
}
