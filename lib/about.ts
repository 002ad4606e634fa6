/**
 * What the extension ships and judges with, with versions and licences (shown on the options page).
 * Keep in step with data/open-cookie-database/PROVENANCE.md and lib/policy/read/version.ts.
 */
import { PARSER_VERSION } from './policy/read/version';

export interface Component {
  /** Message key of its name and role on the options page. */
  id: 'kbOcd' | 'kbReader' | 'kbClassifier';
  version: string;
  licence: string;
  url: string | null;
}

export const COMPONENTS: readonly Component[] = [
  {
    id: 'kbOcd',
    version: '0ee5a17 (2026-01-21)',
    licence: 'Apache-2.0',
    url: 'https://github.com/jkwakman/Open-Cookie-Database',
  },
  { id: 'kbReader', version: String(PARSER_VERSION), licence: 'MIT', url: null },
  { id: 'kbClassifier', version: '1', licence: 'MIT', url: null },
];
