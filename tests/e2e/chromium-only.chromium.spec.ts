import { browserSpec } from './support/spec';
import { kopanoWithThirdPartyCookiesBlocked, popupAfterTheWorkerStopped } from './journeys/skeleton';

browserSpec(
  'chromium',
  [
    ['third-party cookies blocked (the default): kopano keeps its session, no YouTube cookie is set', (c) => kopanoWithThirdPartyCookiesBlocked(c.driver, c.server)],
    ['after the service worker stopped, the popup shows the cached policy and the cookies the site has', (c) => popupAfterTheWorkerStopped(c.driver, c.server)],
  ],
  { thirdPartyCookies: false },
);
