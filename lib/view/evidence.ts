/**
 * A breach's evidence as label/value pairs, whatever the breach kind: the engine attaches an object per
 * cookie row (more kinds will come, each with its own fields), and the popup and the report show it as a
 * list without knowing the fields. Values become bounded text; nested objects are flattened one level
 * (`declared.duration`). Site-provided strings stay strings: the page renders them as text only.
 */

export interface EvidencePair {
  /** The field's path (`declaredDuration`, `declared.name`): the page looks up its label by it. */
  key: string;
  value: string;
}

const MAX_PAIRS = 40;
const MAX_VALUE = 500;

function text(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.length > MAX_VALUE ? `${v.slice(0, MAX_VALUE)}…` : v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : null;
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v)) {
    const parts = v.map(text).filter((x): x is string => x !== null);
    return parts.length > 0 ? text(parts.join(', ')) : null;
  }
  return null;
}

export function evidencePairs(evidence: unknown): EvidencePair[] {
  const out: EvidencePair[] = [];
  if (typeof evidence !== 'object' || evidence === null || Array.isArray(evidence)) return out;
  for (const [key, value] of Object.entries(evidence as Record<string, unknown>)) {
    if (out.length >= MAX_PAIRS) break;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [sub, v] of Object.entries(value as Record<string, unknown>)) {
        const t = text(v);
        if (t !== null && out.length < MAX_PAIRS) out.push({ key: `${key}.${sub}`, value: t });
      }
      continue;
    }
    const t = text(value);
    if (t !== null) out.push({ key, value: t });
  }
  return out;
}

/** `declaredDuration` → "Declared duration", `declared.name` → "Declared name": a label when no translation exists. */
export function humanKey(key: string): string {
  const words = key
    .split('.')
    .join(' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
