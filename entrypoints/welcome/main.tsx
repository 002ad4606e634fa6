import { createRoot } from 'react-dom/client';
import { Welcome } from './Welcome';
import { applyDocumentLanguage } from '@/components/page';
import '@/components/styles.css';

applyDocumentLanguage('welcomeTitle');
createRoot(document.getElementById('root')!).render(<Welcome />);
