import { browserSpec } from './support/spec';
import { browserOwnJourneys } from './journeys/signals';

// The browser's own privacy signal switched on (Chromium: Do Not Track; Firefox: Global Privacy Control).
browserSpec('chromium', browserOwnJourneys, { browserSignals: true });
