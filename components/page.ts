/** Set on every page of ours: the document's language and title in the person's language. */
import { t, uiLanguage, type MessageKey } from './i18n';

export function applyDocumentLanguage(titleKey: MessageKey): void {
  document.documentElement.lang = uiLanguage();
  document.title = t(titleKey);
}
