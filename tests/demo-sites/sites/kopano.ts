/**
 * kopano.test — a WordPress-style site with the WebToffee "GDPR Cookie Consent" cookie table (seed 002).
 *
 * /                        home: HTTP-sets PHPSESSID + cookielawinfo-checkbox-necessary, page script sets Matomo
 *                          (_pk_id, _pk_ses) and Facebook (_fbp) cookies, embeds youtube.test/embed/demo in an iframe;
 *                          `#status` = "Session active" when the request carried PHPSESSID, else "New session"
 * /privacy-cookie-policy   the seed's text with its cookie table as WebToffee renders it (category rows span both columns)
 */
import { esc, html, page, routes, token, type Site } from '../site';
import { YOUTUBE_HOST } from './youtube';

export const KOPANO_HOST = 'kopano.test';

const CSS = `
body { font-family: Georgia, 'Times New Roman', serif; margin: 0; color: #222; background: #fff; line-height: 1.55; }
header { border-bottom: 3px solid #0f70b7; padding: 0.8rem 2rem; }
header a { color: #0f70b7; font: bold 1.4rem sans-serif; text-decoration: none; }
main { max-width: 50rem; margin: 0 auto; padding: 1rem 2rem; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; font-size: 0.95rem; }
th, td { border: 1px solid #ccc; padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
thead th { background: #0f70b7; color: #fff; }
td[colspan] { background: #eef4fa; }
iframe { border: 1px solid #ccc; width: 420px; height: 240px; }
#status { font-family: sans-serif; font-weight: bold; }
footer { background: #333; color: #ddd; padding: 1rem 2rem; margin-top: 2rem; }
footer a { color: #fff; }
`;

function layout(title: string, main: string, opts: { report?: boolean; script?: string } = {}): string {
  return page({
    title,
    css: CSS,
    report: opts.report,
    script: opts.script,
    body: `<header><a href="/">Kopano</a></header>
<main>
${main}
</main>
<footer>
  <a href="/privacy-cookie-policy">Privacy &amp; Cookie Policy</a>
  · Kopano — open source collaboration
</footer>`,
  });
}

const HOME_SCRIPT = `
function hex(n) {
  var b = crypto.getRandomValues(new Uint8Array(n));
  return Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join('');
}
var now = Math.floor(Date.now() / 1000);
document.cookie = '_pk_id.1.a1b2=' + hex(8) + '.' + now + '; max-age=33696000; path=/';
document.cookie = '_pk_ses.1.a1b2=1; max-age=1800; path=/';
document.cookie = '_fbp=fb.1.' + Date.now() + '.' + (1000000000 + Math.floor(Math.random() * 8999999999)) + '; max-age=7776000; path=/';
document.getElementById('cookies').textContent = document.cookie || '(none)';
`;

function homePage(hadSession: boolean, sessionId: string, iframeSrc: string): string {
  return layout(
    'Kopano — open source collaboration',
    `<h1>Kopano</h1>
<p>Email, calendar, chat and video meetings — open source, on your own servers.</p>
<p id="status">${hadSession ? 'Session active' : 'New session'}</p>
<p>Session id: <code id="session-id">${esc(sessionId)}</code></p>
<h2>See it in action</h2>
<iframe src="${esc(iframeSrc)}" title="Kopano demo video" allow="autoplay; encrypted-media"></iframe>
<p>Cookies this page can see: <code id="cookies"></code></p>`,
    { report: true, script: HOME_SCRIPT },
  );
}

type Row = readonly [name: string, description: string];
const COOKIE_TABLE: ReadonlyArray<readonly [category: string, rows: readonly Row[]]> = [
  [
    'Necessary',
    [
      ['PHPSESSID', "This cookie is native to PHP applications. The cookie is used to store and identify a users' unique session ID for the purpose of managing user session on the website. The cookie is a session cookies and is deleted when all the browser windows are closed."],
      ['__cfduid', 'The cookie is set by CloudFare. The cookie is used to identify individual clients behind a shared IP address d apply security settings on a per-client basis. It doesnot correspond to any user ID in the web application and does not store any personally identifiable information.'],
      ['viewed_cookie_policy', 'The cookie is set by the GDPR Cookie Consent plugin and is used to store whether or not user has consented to the use of cookies. It does not store any personal data.'],
    ],
  ],
  [
    'Kopano Cookies',
    [
      ['wp_kopano_shop_id', 'This cookie is necessary if you want to use the Kopano webshop.'],
      ['atlassian.xsrf.token', 'In our release notes we link to developer tickets. This cookie is necessary for this.'],
    ],
  ],
  [
    'Commercial',
    [
      ['IDE', 'Used by Google DoubleClick and stores information about how the user uses the website and any other advertisement before visiting the website. This is used to present users with ads that are relevant to them according to the user profile.'],
      ['NID', "This cookie is used to a profile based on user's interest and display personalized ads to the users. On our website it is set by the Google reCAPTCHA service."],
      ['GPS', 'This cookie is set by Youtube and registers a unique ID for tracking users based on their geographical location'],
      ['VISITOR_INFO1_LIVE', 'This cookie is set by Youtube. Used to track the information of the embedded YouTube videos on a website.'],
      ['YSC', 'This cookies is set by Youtube and is used to track the views of embedded videos.'],
    ],
  ],
  [
    'Not required',
    [
      ['_pk_id.*', 'We use Matomo (Piwik) to measure our success with the website. This cookie is used to recognize a returning visitor. Read more: https://matomo.org/faq/general/faq_146/'],
      ['_pk_ses.*', 'We use Matomo (Piwik) to measure our success with the website. This is a short lived cookies used to temporarily store data for the visit. Read more: https://matomo.org/faq/general/faq_146/'],
      ['bm_sz', 'Akamai bot manager / Fraud prevention'],
      ['_abck', 'Akamai Bot Manager – Security cookie'],
      ['test_cookie', ''],
    ],
  ],
  [
    'Cookie Management',
    [
      ['cookielawinfo-checkbox-kopano-cookies', 'This cookie is set by GDPR Cookie Consent plugin. The cookies is used to store the user consent for the cookies in the category "Kopano".'],
      ['cookielawinfo-checkbox-commercial', 'This cookie is set by GDPR Cookie Consent plugin. The cookies is used to store the user consent for the cookies in the category "Commercial".'],
      ['cookielawinfo-checkbox-not-required', 'This cookie is set by GDPR Cookie Consent plugin. The cookies is used to store the user consent for the cookies in the category "Not required".'],
      ['cookielawinfo-checkbox-necessary', 'This cookie is set by GDPR Cookie Consent plugin. The cookies is used to store the user consent for the cookies in the category "Necessary".'],
      ['cookielawinfo-checkbox-non-necessary', 'This cookie is set by GDPR Cookie Consent plugin. The cookies is used to store the user consent for the cookies in the category "Non Necessary".'],
    ],
  ],
];

function cookieTable(): string {
  const body = COOKIE_TABLE.map(
    ([category, rows]) =>
      `    <tr><td colspan="2"><strong>${esc(category)}</strong></td></tr>\n` +
      rows.map(([name, desc]) => `    <tr><td>${esc(name)}</td><td>${esc(desc)}</td></tr>\n`).join(''),
  ).join('');
  return `<table class="wt-cli-element cookielawinfo-row-cat-table">
  <thead>
    <tr><th>Cookie</th><th>Description</th></tr>
  </thead>
  <tbody>
${body}  </tbody>
</table>`;
}

const POLICY = `<h1>Privacy &amp; Cookie Policy</h1>
<p>This Cookie Policy explains what cookies are and how we use them. You should read this policy to understand what cookies are, how we use them, the types of cookies we use i.e, the information we collect using cookies and how that information is used and how to control the cookie preferences. For further information on how we use, store and keep your personal data secure, see our Privacy Policy.</p>

<h2>Cookie Policy</h2>
<p>Cookies are small text files that are used to store small pieces of information. The cookies are stored on your device when the website is loaded on your browser. These cookies help us make the website function properly, make the website more secure, provide better user experience, and understand how the website performs and to analyze what works and where it needs improvement.</p>
<p>You can at any time change or withdraw your consent from the Cookie Declaration on our website. Learn more about who we are, how you can contact us and how we process personal data in our Privacy Policy.</p>
<p>Your consent applies to the following domains: kopano.com</p>

<h3>How do we use cookies ?</h3>
<p>As most of the online services, our website uses cookies first-party and third-party cookies for a number of purposes. The first-party cookies are mostly necessary for the website to function the right way, and they do not collect any of your personally identifiable data.</p>
<p>The third-party cookies used on our websites are used mainly for understanding how the website performs, how you interact with our website, keeping our services secure, providing advertisements that are relevant to you, and all in all providing you with a better and improved user experience and help speed up your future interactions with our website.</p>

<h3>What types of cookies do we use ?</h3>
<p>The below list details the cookies used in our website:</p>
${cookieTable()}

<h3>How can I control the cookie preferences ?</h3>
<p>You can manage your cookies preferences by clicking on the “Settings” button and enabling or disabling the cookie categories on the popup according to your preferences.</p>
<p>Should you decide to change your preferences later through your browsing session, you can click on the “Privacy &amp; Cookie Policy” tab on your screen. This will display the consent notice again enabling you to change your preferences or withdraw your consent entirely.</p>
<p>In addition to this, different browsers provide different methods to block and delete cookies used by websites. You can change the settings of your browser to block/delete the cookies. To find out more out more on how to manage and delete cookies, visit wikipedia.org, www.allaboutcookies.org.</p>
<p><small>Powered By WebToffee</small></p>`;

/** A fresh Kopano site. */
export function createKopano(): Site {
  return {
    host: KOPANO_HOST,
    handle: routes({
      'GET /': (req, ctx) => {
        const incoming = req.cookies['PHPSESSID'];
        const sid = incoming && /^[a-z0-9]{1,64}$/i.test(incoming) ? incoming : token(13);
        // Third-party cookies need Secure + SameSite=None, so the embed goes over HTTPS when there is HTTPS.
        const iframeSrc = ctx.url(YOUTUBE_HOST, '/embed/demo', ctx.httpsPort !== null);
        return html(homePage(incoming !== undefined, sid, iframeSrc), {
          'Set-Cookie': [`PHPSESSID=${sid}; Path=/; HttpOnly`, 'cookielawinfo-checkbox-necessary=yes; Path=/; Max-Age=31536000'],
        });
      },
      'GET /privacy-cookie-policy': () => html(layout('Privacy & Cookie Policy — Kopano', POLICY)),
    }),
  };
}
