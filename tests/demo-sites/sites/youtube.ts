/**
 * youtube.test — the third party embedded by kopano.test.
 *
 * /embed/demo   a small "video player" page; HTTP-sets YSC (session) and VISITOR_INFO1_LIVE (180 days), both
 *               Secure + SameSite=None, as third-party cookies must be (so they only stick over HTTPS), and
 *               IDE, Partitioned (CHIPS).
 */
import { html, page, routes, token, type Site } from '../site';

export const YOUTUBE_HOST = 'youtube.test';

const CSS = `
body { margin: 0; background: #000; color: #fff; font-family: Arial, sans-serif; }
.player { display: flex; align-items: center; justify-content: center; height: 100vh; flex-direction: column; }
.play { width: 64px; height: 44px; background: #f00; border-radius: 12px; position: relative; }
.play::after { content: ''; position: absolute; left: 26px; top: 12px; border-style: solid;
  border-width: 10px 0 10px 16px; border-color: transparent transparent transparent #fff; }
p { font-size: 0.9rem; color: #ccc; }
`;

const EMBED = page({
  title: 'Demo video — YouTube',
  css: CSS,
  body: `<div class="player">
  <div class="play" role="img" aria-label="Play"></div>
  <p>Demo video (youtube.test embed)</p>
</div>`,
});

/** A fresh youtube.test site. */
export function createYoutube(): Site {
  return {
    host: YOUTUBE_HOST,
    handle: routes({
      'GET /embed/demo': () =>
        html(EMBED, {
          'Set-Cookie': [
            `YSC=${token(8)}; Path=/; Secure; SameSite=None; HttpOnly`,
            `VISITOR_INFO1_LIVE=${token(8)}; Path=/; Max-Age=15552000; Secure; SameSite=None`,
            // A CHIPS cookie: partitioned by the top-level site, allowed even where third-party cookies are
            // blocked, and removable only by naming its partition key.
            `IDE=${token(8)}; Path=/; Max-Age=34190000; Secure; SameSite=None; Partitioned`,
          ],
        }),
    }),
  };
}
