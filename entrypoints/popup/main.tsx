import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { Popup } from './Popup';
import { applyDocumentLanguage } from '@/components/page';
import '@/components/styles.css';

/** The tab this popup describes: `?tabId=` (opened as a page), else the active tab. */
async function targetTab(): Promise<number | null> {
  const fromQuery = Number(new URLSearchParams(location.search).get('tabId'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

applyDocumentLanguage('popupTitle');
void targetTab().then((tabId) => {
  createRoot(document.getElementById('root')!).render(<Popup tabId={tabId} />);
});
