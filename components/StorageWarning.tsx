import type { StorageError } from '@/lib/messages';

/** One line when a settings write failed (issue 8 §3): the person must know a choice may not last. */
export function StorageWarning({ error }: { error: StorageError | null | undefined }) {
  if (!error) return null;
  return (
    <p role="alert" className="warning" data-testid="storage-error">
      Your choice could not be saved (the browser's storage is full): it applies until the browser restarts.
    </p>
  );
}
