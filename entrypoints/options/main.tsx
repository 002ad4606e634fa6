import { createRoot } from 'react-dom/client';
import { Options } from './Options';
import { applyDocumentLanguage } from '@/components/page';
import '@/components/styles.css';

applyDocumentLanguage('optionsTitle');
createRoot(document.getElementById('root')!).render(<Options />);
