import { browserSpec } from './support/spec';
import { journeys } from './journeys/ownership';

browserSpec('chromium', journeys);
