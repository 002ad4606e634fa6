import { browserSpec } from './support/spec';
import { journeys, startUrl } from './journeys/signals';

browserSpec('firefox', journeys, { startUrl });
