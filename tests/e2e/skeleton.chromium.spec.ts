import { browserSpec } from './support/spec';
import { journeys } from './journeys/skeleton';

browserSpec('chromium', journeys);
