import { browserSpec } from './support/spec';
import { journeys } from './journeys/release';

browserSpec('firefox', journeys);
