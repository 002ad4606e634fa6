import { browserSpec } from './support/spec';
import { journeys } from './journeys/banners';

browserSpec('firefox', journeys);
