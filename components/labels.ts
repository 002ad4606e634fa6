import type { Choice, Purpose } from '@/lib/types';

export const CHOICE_LABELS: Record<Choice, string> = {
  'essential-only': 'Essential only',
  'essential-functional': 'Essential + functional',
  'allow-all': 'Allow all',
};

export const PURPOSE_LABELS: Record<Purpose, string> = {
  essential: 'Essential',
  functional: 'Functional',
  analytics: 'Analytics',
  advertising: 'Advertising',
  unknown: 'Unknown',
};

/** Only https: links are rendered as links (STYLE.md §6); anything else is shown as text. */
export function safeHref(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}
