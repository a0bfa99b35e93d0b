// Shared fixtures: every test fails on an uncaught page error, a console error or a
// Content-Security-Policy violation, and can run axe on the page as it stands.
const base = require('@playwright/test');
const { AxeBuilder } = require('@axe-core/playwright');

const DEMO = { email: 'demo@example.com', password: 'demo-password' };

// Chromium reports every failed load (4xx/5xx answers, aborted connections) as a console error;
// the app expects those.
const EXPECTED_CONSOLE = /^Failed to load resource: /;

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
        problems.push(`console error: ${message.text()}`);
      }
    });
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

module.exports = { test, expect: base.expect, expectAccessible, submitPassword, signIn, DEMO };
