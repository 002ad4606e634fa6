import { browserSpec } from './support/spec';
import { journeys } from './journeys/local-guard';

browserSpec('firefox', journeys);
