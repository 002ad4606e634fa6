import { browserSpec } from './support/spec';
import { journeys } from './journeys/breaches';

browserSpec('chromium', journeys);
