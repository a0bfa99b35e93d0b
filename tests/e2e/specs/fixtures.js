// Shared fixtures: every test fails on an uncaught page error, a console error or a
// Content-Security-Policy violation, and can run axe on the page as it stands.
const base = require('@playwright/test');
const { AxeBuilder } = require('@axe-core/playwright');

const DEMO = { email: 'demo@example.com', password: 'demo-password' };

// Chromium reports every failed load (4xx/5xx answers, aborted connections) as a console error;
// the app expects those.
const EXPECTED_CONSOLE = /^Failed to load resource: /;

// The chunk loader (wasm-split's `__wasm_split-<hash>.js`) logs each chunk load that fails. Going
// to another document cuts off the download of a chunk fetched ahead, and the loader of the
// document being left logs that: such errors are the test's own doing once a new document has
// come. A chunk that fails while its page stays is still a problem (and chunks.spec.js provokes it
// on purpose).
const CHUNK_LOADER_ERROR = /^console error: .*\(from \S*\/__wasm_split-[0-9a-f]+\.js\)$/s;

/** Takes the chunk loader's errors out of `problems`: when a new document has come, and in the
 * tests that make chunks fail on purpose. */
function forgiveChunkLoaderErrors(problems) {
  const kept = problems.filter((p) => !CHUNK_LOADER_ERROR.test(p));
  problems.splice(0, problems.length, ...kept);
}

const test = base.test.extend({
  // What went wrong on the page: page errors, console errors, CSP violations. A test that provokes
  // one on purpose takes it out of this list; whatever is left fails the test.
  problems: async ({}, use) => {
    await use([]);
  },
  // Every console message of the page, of any level (for the leak canary).
  consoleLog: async ({}, use) => {
    await use([]);
  },
  page: async ({ page, problems, consoleLog }, use) => {
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      consoleLog.push(message.text());
      if (message.type() === 'error' && !EXPECTED_CONSOLE.test(message.text())) {
        // Where it was logged from: Firefox gives an error object's text as `{}` over BiDi.
        const from = message.location().url;
        problems.push(`console error: ${message.text()}${from ? ` (from ${from})` : ''}`);
      }
    });
    page.on('domcontentloaded', () => forgiveChunkLoaderErrors(problems));
    // Violations are reported as they happen, so none is lost when the page navigates.
    await page.exposeFunction('__reportCspViolation', (text) => problems.push(`CSP violation: ${text}`));
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        const text = `${event.violatedDirective} ${event.blockedURI}`;
        window.__cspViolations.push(text);
        window.__reportCspViolation(text);
      });
    });
    await use(page);
    base.expect(problems, 'no page errors, console errors or CSP violations').toEqual([]);
  },
});

/** Runs axe on the page and fails with the list of violations, if any; also fails when the page
 * scrolls sideways (small screens). */
async function expectAccessible(page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  base.expect(overflow, 'no horizontal scrolling').toBeLessThanOrEqual(0);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  base.expect(summary, 'axe violations').toEqual([]);
}

/** Whether the page runs in Firefox (driven over WebDriver BiDi). */
function inFirefox(page) {
  return page.context().browser().browserType().name() === 'firefox';
}

/**
 * `page.emulateMedia`, or the same outcome where the browser cannot emulate: Firefox ESR 153 over
 * WebDriver BiDi (Playwright 1.58.2) accepts emulateMedia and changes nothing (matchMedia still
 * answers light and screen). There a dark scheme is the dark palette the theme switcher selects
 * (`data-theme` on <html>, through the same CSS), and print is the page's print rules applied to
 * the screen. `page.pdf()` does print in Firefox: print.spec.js counts its pages in every engine.
 */
async function emulateMedia(page, { colorScheme, media }) {
  if (!inFirefox(page)) return page.emulateMedia({ colorScheme, media });
  return page.evaluate(
    ({ colorScheme, media }) => {
      const root = document.documentElement;
      if (colorScheme === 'dark' && !root.hasAttribute('data-theme')) {
        root.setAttribute('data-theme', 'dark');
        window.__emulatedTheme = true;
      } else if (colorScheme === 'light' && window.__emulatedTheme) {
        root.removeAttribute('data-theme');
        window.__emulatedTheme = false;
      }
      if (!media) return;
      const from = media === 'print' ? 'print' : 'all';
      const to = media === 'print' ? 'all' : 'print';
      for (const sheet of document.styleSheets) {
        if (sheet.media.mediaText === from) sheet.media.mediaText = to;
        for (const rule of sheet.cssRules) {
          if (rule instanceof CSSMediaRule && rule.media.mediaText === from) rule.media.mediaText = to;
        }
      }
    },
    { colorScheme, media },
  );
}

/** Fills and sends the password form. */
async function submitPassword(page, account = DEMO) {
  await page.goto('/sign-in');
  await page.getByRole('textbox', { name: 'Email' }).fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Signs in with a password and waits for the security page. */
async function signIn(page, account = DEMO) {
  await submitPassword(page, account);
  await base.expect(page.getByRole('heading', { level: 1, name: 'Security' })).toBeVisible();
}

module.exports = {
  test,
  expect: base.expect,
  expectAccessible,
  emulateMedia,
  forgiveChunkLoaderErrors,
  inFirefox,
  submitPassword,
  signIn,
  DEMO,
};
