import { browserSpec } from './support/spec';
import { journeys } from './journeys/storage';

browserSpec('chromium', journeys);
