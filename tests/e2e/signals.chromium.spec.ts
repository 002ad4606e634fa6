import { browserSpec } from './support/spec';
import { journeys, SIGNAL_SPEC } from './journeys/signals';

browserSpec('chromium', journeys, SIGNAL_SPEC);
