import { browserSpec } from './support/spec';
import { journeys } from './journeys/enforce';

browserSpec('firefox', journeys);
