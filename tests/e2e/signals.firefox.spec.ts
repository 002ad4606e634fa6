import { browserSpec } from './support/spec';
import { journeys, SIGNAL_SPEC } from './journeys/signals';

browserSpec('firefox', journeys, SIGNAL_SPEC);
