import { browserSpec } from './support/spec';
import { journeys } from './journeys/discovery';

browserSpec('chromium', journeys);
