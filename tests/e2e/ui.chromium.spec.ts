import { browserSpec } from './support/spec';
import { journeys } from './journeys/ui';

browserSpec('chromium', journeys);
