import { browserSpec } from './support/spec';
import { kopanoWithThirdPartyCookiesBlocked } from './journeys/skeleton';

browserSpec(
  'chromium',
  [['third-party cookies blocked (the default): kopano keeps its session, no YouTube cookie is set', (c) => kopanoWithThirdPartyCookiesBlocked(c.driver, c.server)]],
  { thirdPartyCookies: false },
);
