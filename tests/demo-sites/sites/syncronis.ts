/**
 * syncronis.test — an IT platform with a login, modelled on seeds 000 (cookie policy) and 001 (privacy policy).
 *
 * /                 home: login form, `#status` ("Signed in as <name>" / "Not signed in"), page script that writes
 *                   localStorage `user-preferences` and the cookies _ga, _gid, _hjid
 * POST /login       sets `session` (HttpOnly, 7 days) and `csrf_token` (session cookie), 303 → /
 * /cookie-policy    seed 000 as HTML (tables as real tables, incl. the "Do Not Track" paragraph)
 * /privacy-policy   seed 001 as HTML ("see our Cookie Policy" links to /cookie-policy)
 */
import { esc, html, page, redirect, routes, token, type Site } from '../site';

export const SYNCRONIS_HOST = 'syncronis.test';

const CSS = `
body { font-family: system-ui, sans-serif; margin: 0; color: #1d2433; background: #f6f8fb; line-height: 1.5; }
header { background: #1b3a6b; color: #fff; padding: 0.8rem 2rem; }
header a { color: #fff; text-decoration: none; font-weight: 600; font-size: 1.2rem; }
main { max-width: 52rem; margin: 0 auto; padding: 1.5rem 2rem; background: #fff; }
h1 { color: #1b3a6b; }
h2 { border-bottom: 1px solid #dde3ec; padding-bottom: 0.2rem; margin-top: 2rem; }
table { border-collapse: collapse; margin: 1rem 0; width: 100%; }
th, td { border: 1px solid #c9d2df; padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; }
thead th { background: #e8eef7; }
form { display: grid; gap: 0.5rem; max-width: 18rem; padding: 1rem; border: 1px solid #dde3ec; border-radius: 6px; }
input { padding: 0.35rem; }
button { padding: 0.45rem; background: #1b3a6b; color: #fff; border: 0; border-radius: 4px; cursor: pointer; }
#status { font-weight: 600; }
footer { max-width: 52rem; margin: 0 auto; padding: 1rem 2rem; font-size: 0.9rem; color: #566; }
footer a { margin-right: 1rem; }
`;

function layout(title: string, main: string, opts: { report?: boolean; script?: string } = {}): string {
  return page({
    title,
    css: CSS,
    report: opts.report,
    script: opts.script,
    body: `<header><a href="/">Syncronis</a></header>
<main>
${main}
</main>
<footer>
  <a href="/cookie-policy">Cookie Policy</a>
  <a href="/privacy-policy">Privacy Policy</a>
  <span>© Syncronis</span>
</footer>`,
  });
}

/** Page script of the home page: functional local storage plus analytics cookies set from JavaScript. */
const HOME_SCRIPT = `
function randomDigits(n) {
  var s = '';
  for (var i = 0; i < n; i++) s += Math.floor(Math.random() * 10);
  return s.replace(/^0/, '1');
}
function uuid() {
  // crypto.randomUUID needs a secure context; http://syncronis.test is not one.
  var b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  var h = Array.prototype.map.call(b, function (x) { return (x + 0x100).toString(16).slice(1); }).join('');
  return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
}
var now = Math.floor(Date.now() / 1000);
localStorage.setItem('user-preferences', '{"theme":"dark"}');
document.cookie = '_ga=GA1.1.' + randomDigits(10) + '.' + now + '; max-age=63072000; path=/';
document.cookie = '_gid=GA1.1.' + randomDigits(10) + '; max-age=86400; path=/';
document.cookie = '_hjid=' + uuid() + '; max-age=31536000; path=/';
document.getElementById('cookies').textContent = document.cookie || '(none)';
`;

function homePage(user: string | undefined): string {
  const status = user ? `Signed in as ${esc(user)}` : 'Not signed in';
  return layout(
    'Syncronis — IT orchestration',
    `<h1>Syncronis</h1>
<p>Enterprise IT orchestration: automate your fleet, track every change, sleep at night.</p>
<p id="status">${status}</p>
<form method="post" action="/login">
  <label for="username">Username</label>
  <input id="username" name="username" autocomplete="username">
  <label for="password">Password</label>
  <input id="password" name="password" type="password" autocomplete="current-password">
  <button id="login" type="submit">Sign in</button>
</form>
<p>Cookies this page can see: <code id="cookies"></code></p>`,
    { report: true, script: HOME_SCRIPT },
  );
}

export const COOKIE_POLICY = `<h1>Cookie Policy</h1>
<p>This Cookie Policy explains how Syncronis uses cookies and similar technologies when you visit our websites and use our platform. We believe in transparency and want you to understand exactly what data we collect and why.</p>

<h2>Quick Summary</h2>

<h2>1. What Are Cookies?</h2>
<p>Cookies are small text files stored on your device when you visit a website. They help websites remember your preferences and understand how you use the site. Similar technologies we use include:</p>
<ul>
  <li><strong>Local Storage</strong> — Stores preferences that persist after browser close</li>
  <li><strong>Session Storage</strong> — Temporary storage cleared when you close the tab</li>
  <li><strong>Pixel Tags</strong> — Tiny images that help measure engagement (only on landing page)</li>
</ul>

<h2>2. Types of Cookies We Use</h2>
<h3>Essential Cookies (Always Active)</h3>
<p>These cookies are necessary for the platform to function and cannot be disabled. Without them, you wouldn't be able to log in or use core features.</p>
<table>
  <thead>
    <tr><th>Name</th><th>Purpose</th><th>Duration</th></tr>
  </thead>
  <tbody>
    <tr><td><code>session</code></td><td>Maintains your login session securely</td><td>7 days</td></tr>
    <tr><td><code>csrf_token</code></td><td>Protects against cross-site request forgery attacks</td><td>Session</td></tr>
  </tbody>
</table>

<h3>Functional Storage (Local Storage)</h3>
<p>These items remember your preferences to provide a better experience:</p>
<table>
  <thead>
    <tr><th>Key</th><th>Purpose</th><th>Type</th></tr>
  </thead>
  <tbody>
    <tr><td><code>user-preferences</code></td><td>Your theme, display settings, and UI preferences</td><td>Local Storage</td></tr>
    <tr><td><code>syncronis-cookie-consent</code></td><td>Remembers your cookie consent choice</td><td>Local Storage</td></tr>
  </tbody>
</table>

<h3>Analytics Cookies (Opt-in Only)</h3>
<p>These cookies help us understand how visitors use our platform. They are only set if you explicitly consent via the cookie banner or Settings &gt; Privacy.</p>
<table>
  <thead>
    <tr><th>Provider</th><th>Purpose</th><th>Privacy Policy</th></tr>
  </thead>
  <tbody>
    <tr><td>Sentry</td><td>Error tracking and session replay to fix issues faster</td><td>View Policy</td></tr>
    <tr><td>Google Analytics</td><td>Website traffic analysis (landing page only)</td><td>View Policy</td></tr>
  </tbody>
</table>

<h2>3. Your Cookie Choices</h2>
<h3>Cookie Consent Banner</h3>
<p>When you first visit our platform at admin.syncronis.net, you'll see a consent banner with two options:</p>
<ul>
  <li><strong>Accept All</strong> — Enables all cookies including analytics for error tracking and performance monitoring</li>
  <li><strong>Essential Only</strong> — Only enables cookies necessary for the platform to function (recommended for maximum privacy)</li>
</ul>
<h3>Changing Your Preferences</h3>
<p>You can change your cookie preferences at any time through these methods:</p>
<ul>
  <li><strong>In the platform:</strong> Navigate to Settings → Privacy to toggle analytics on or off</li>
  <li><strong>Clear browser data:</strong> Clearing cookies and local storage will reset all preferences and show the consent banner again</li>
</ul>
<h3>Browser Settings</h3>
<p>Most browsers let you control cookies directly. You can typically:</p>
<ul>
  <li>View and delete individual cookies</li>
  <li>Block third-party cookies</li>
  <li>Block all cookies (note: this will break login functionality)</li>
  <li>Clear all cookies when closing the browser</li>
</ul>
<p>Browser-specific instructions: Chrome · Firefox · Safari · Edge</p>

<h2>4. Analytics and Session Replay</h2>
<p>When you consent to analytics cookies, we use Sentry to monitor application health and fix issues. Here's exactly what happens:</p>
<h3>What We Collect</h3>
<ul>
  <li>Application errors and stack traces</li>
  <li>Performance metrics (page load times, API response times)</li>
  <li>Session replays to understand how errors occurred</li>
</ul>
<h3>Privacy Protections Built-In</h3>
<p>Your privacy is protected by design. We've configured Sentry with strict privacy controls to ensure your data stays safe.</p>
<ul>
  <li><strong>Text Masking:</strong> All text content is automatically masked in session replays — we can't read what you type</li>
  <li><strong>Media Blocking:</strong> Images and media files are never captured or transmitted</li>
  <li><strong>Sensitive Data Removal:</strong> Cookies, authorization headers, and email addresses are stripped from all error reports</li>
  <li><strong>Sampling:</strong> Only 10% of sessions are recorded (100% only when errors occur)</li>
</ul>

<h2>5. Third-Party Cookies</h2>
<p>Our landing page at syncronis.net may include third-party services that set their own cookies:</p>
<ul>
  <li><strong>Google Analytics</strong> — Website traffic analysis to understand how visitors find us</li>
  <li><strong>Microsoft Clarity</strong> — User behavior heatmaps to improve page layouts</li>
</ul>
<p>These third-party cookies are governed by their respective privacy policies, not ours. The Syncronis platform (admin.syncronis.net) does not use these services.</p>
<h3>Do Not Track</h3>
<p>Some browsers send a "Do Not Track" signal. We currently don't respond to DNT signals, but you can use our cookie consent mechanism for the same effect — just select "Essential Only" when prompted.</p>

<h2>6. Updates to This Policy</h2>
<p>We may update this Cookie Policy when we change our cookie practices or for legal reasons. When we make changes:</p>
<ul>
  <li>We'll update the "Last updated" date at the top of this page</li>
  <li>For significant changes, we may notify you via email or a banner in the platform</li>
</ul>

<h2>7. Contact Us</h2>
<h3>Questions about cookies?</h3>
<p>Our team is here to help you understand how we handle your data.</p>`;

export const PRIVACY_POLICY = `<h1>Privacy Policy</h1>
<p>This Privacy Policy describes how Syncronis collects, uses, and shares information when you use our websites, platform, and services. We're committed to protecting your data with the same rigor we bring to enterprise IT orchestration.</p>

<h2>Privacy at a Glance</h2>

<h2>1. Information We Collect</h2>
<h3>Information You Provide</h3>
<ul>
  <li><strong>Account Information</strong> — Your name, email address, organization name, and password when you register</li>
  <li><strong>Contact Information</strong> — Details you provide when contacting our support team</li>
  <li><strong>Payment Information</strong> — Payment details processed securely through our payment provider. We never store full card numbers.</li>
</ul>
<h3>Information Collected Automatically</h3>
<ul>
  <li><strong>Usage Data</strong> — How you interact with our platform: pages visited, features used, actions taken</li>
  <li><strong>Device Information</strong> — IP address, browser type, operating system, and device identifiers</li>
  <li><strong>Log Data</strong> — Server logs including request timestamps, URLs, and response codes</li>
</ul>
<h3>Cookies and Similar Technologies</h3>
<p>We use cookies and similar tracking technologies to collect browsing information. For complete details, see our <a href="/cookie-policy">Cookie Policy</a>.</p>

<h2>2. How We Use Your Information</h2>
<p>We use collected information to:</p>
<ul>
  <li><strong>Provide the Service</strong> — Operate, maintain, and improve the Syncronis platform</li>
  <li><strong>Process Transactions</strong> — Handle payments and send related confirmations</li>
  <li><strong>Communicate</strong> — Send technical notices, security alerts, and support messages</li>
  <li><strong>Respond to Requests</strong> — Address your questions and customer service needs</li>
  <li><strong>Analyze and Improve</strong> — Monitor trends, usage patterns, and platform performance</li>
  <li><strong>Protect</strong> — Detect, investigate, and prevent fraudulent or malicious activity</li>
  <li><strong>Personalize</strong> — Customize your experience based on your preferences</li>
</ul>

<h2>3. How We Share Your Information</h2>
<p>We may share your information in these circumstances:</p>
<ul>
  <li><strong>Service Providers</strong> — Third-party vendors who perform services on our behalf (hosting, analytics, support)</li>
  <li><strong>Legal Requirements</strong> — When required by law or valid legal process</li>
  <li><strong>Business Transfers</strong> — In connection with a merger, acquisition, or sale of assets</li>
  <li><strong>With Your Consent</strong> — When you explicitly authorize sharing</li>
</ul>
<h3>Our Service Providers</h3>
<table>
  <thead>
    <tr><th>Category</th><th>Purpose</th></tr>
  </thead>
  <tbody>
    <tr><td>Cloud Infrastructure</td><td>Secure hosting and data storage with encryption at rest</td></tr>
    <tr><td>Error Monitoring (Sentry)</td><td>Application stability and error tracking with privacy controls</td></tr>
    <tr><td>Analytics</td><td>Understanding usage patterns to improve the platform</td></tr>
    <tr><td>Payment Processing</td><td>Secure subscription payment handling (PCI DSS compliant)</td></tr>
  </tbody>
</table>

<h2>4. Data Retention</h2>
<p>We retain your information for as long as your account is active or as needed to provide services. We also keep data as necessary to:</p>
<ul>
  <li>Comply with legal obligations</li>
  <li>Resolve disputes</li>
  <li>Enforce our agreements</li>
</ul>
<p><strong>Account Deletion:</strong> When you delete your account, we permanently remove your personal information within 30 days, except where retention is required by law.</p>

<h2>5. Data Security</h2>
<p>We implement enterprise-grade security measures to protect your information:</p>
<ul>
  <li><strong>Encryption in Transit</strong> — TLS 1.3 for all data transmission</li>
  <li><strong>Encryption at Rest</strong> — AES-256 encryption for stored data</li>
  <li><strong>Security Assessments</strong> — Regular penetration testing and vulnerability scanning</li>
  <li><strong>Access Controls</strong> — Role-based permissions and multi-factor authentication</li>
  <li><strong>Employee Training</strong> — Mandatory security awareness programs</li>
</ul>

<h2>6. Your Rights and Choices</h2>
<h3>For All Users</h3>
<ul>
  <li><strong>Access</strong> — View your account information through Settings</li>
  <li><strong>Update</strong> — Modify your account details at any time</li>
  <li><strong>Delete</strong> — Request complete deletion of your account and data</li>
  <li><strong>Export</strong> — Download your data in a portable format</li>
  <li><strong>Cookies</strong> — Manage preferences in Settings → Privacy</li>
</ul>
<h3>Additional Rights for EU Users (GDPR)</h3>
<p>If you're in the European Economic Area, you have additional rights:</p>
<table>
  <thead>
    <tr><th>Right</th><th>Description</th></tr>
  </thead>
  <tbody>
    <tr><td>Access</td><td>Request a complete copy of your personal data</td></tr>
    <tr><td>Rectification</td><td>Request correction of inaccurate information</td></tr>
    <tr><td>Erasure</td><td>Request deletion of your personal data ("right to be forgotten")</td></tr>
    <tr><td>Restriction</td><td>Request temporary halt to processing</td></tr>
    <tr><td>Portability</td><td>Receive your data in a machine-readable format</td></tr>
    <tr><td>Object</td><td>Object to processing based on legitimate interests</td></tr>
    <tr><td>Withdraw Consent</td><td>Revoke consent at any time where processing is consent-based</td></tr>
  </tbody>
</table>
<p>To exercise these rights, contact privacy@syncronis.net. We respond to requests within 30 days.</p>

<h2>7. International Data Transfers</h2>
<p>Your information may be transferred to and processed in countries other than your residence. When we transfer data internationally, we use appropriate safeguards including:</p>
<ul>
  <li>Standard Contractual Clauses approved by the European Commission</li>
  <li>Data processing agreements with all service providers</li>
  <li>Encryption of data during transfer</li>
</ul>

<h2>8. Children's Privacy</h2>
<p>Our Services are not directed to children under 16. We do not knowingly collect personal information from children. If we discover we've collected data from a child under 16, we will delete it promptly.</p>

<h2>9. Changes to This Policy</h2>
<p>We may update this Privacy Policy periodically. When we make material changes:</p>
<ul>
  <li>We'll update the "Last updated" date at the top</li>
  <li>We'll notify you via email or platform notification for significant changes</li>
  <li>We encourage you to review this policy regularly</li>
</ul>

<h2>10. Contact Us</h2>
<h3>Have privacy questions?</h3>
<p>Our privacy team is ready to help with any questions about your data.</p>`;

/** A fresh Syncronis site with its own session store (one per server). */
export function createSyncronis(): Site {
  /** session token → user name */
  const sessions = new Map<string, string>();

  return {
    host: SYNCRONIS_HOST,
    handle: routes({
      'GET /': (req) => {
        const sid = req.cookies['session'];
        return html(homePage(sid ? sessions.get(sid) : undefined));
      },
      'POST /login': (req) => {
        const form = new URLSearchParams(req.body);
        const user = (form.get('username') ?? '').trim() || 'guest';
        const sid = token(24);
        sessions.set(sid, user);
        return redirect('/', {
          'Set-Cookie': [
            `session=${sid}; HttpOnly; Path=/; Max-Age=604800; SameSite=Lax`,
            `csrf_token=${token(16)}; Path=/; SameSite=Lax`,
          ],
        });
      },
      'GET /cookie-policy': () => html(layout('Cookie Policy — Syncronis', COOKIE_POLICY)),
      'GET /privacy-policy': () => html(layout('Privacy Policy — Syncronis', PRIVACY_POLICY)),
    }),
  };
}
