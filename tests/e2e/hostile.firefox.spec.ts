import { browserSpec } from './support/spec';
import { journeys } from './journeys/hostile';

browserSpec('firefox', journeys);
