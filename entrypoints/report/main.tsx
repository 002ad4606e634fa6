import { createRoot } from 'react-dom/client';
import { Report } from './Report';
import { applyDocumentLanguage } from '@/components/page';
import '@/components/styles.css';

applyDocumentLanguage('reportTitle');
const tabId = Number(new URLSearchParams(location.search).get('tabId'));
createRoot(document.getElementById('root')!).render(<Report tabId={Number.isInteger(tabId) && tabId > 0 ? tabId : null} />);
