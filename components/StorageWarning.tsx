import type { StorageError } from '@/lib/messages';
import { t } from './i18n';

/** One line when a settings write failed (issue 8 §3): the person must know a choice may not last. */
export function StorageWarning({ error }: { error: StorageError | null | undefined }) {
  if (!error) return null;
  return (
    <p role="alert" className="warning" data-testid="storage-error">
      {t('storageErrorText')}
    </p>
  );
}
