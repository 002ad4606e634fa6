import { browserSpec } from './support/spec';
import { journeys, startUrl } from './journeys/signals';

browserSpec('chromium', journeys, { startUrl });
