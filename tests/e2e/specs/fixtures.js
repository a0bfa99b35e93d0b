// Shared fixtures: every test fails on an uncaught page error, a console error or a
// Content-Security-Policy violation, and can run axe on the page as it stands.
const base = require('@playwright/test');
const { AxeBuilder } = require('@axe-core/playwright');

const DEMO = { email: 'demo@example.com', password: 'demo-password' };

// Chromium reports every 4xx/5xx answer as a console error; the app expects those.
const EXPECTED_CONSOLE = /Failed to load resource: the server responded with a status of (4|5)\d\d/;

const test = base.test.extend({
  page: async ({ page }, use) => {
    const problems = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error' && !EXPECTED_CONSOLE.test(message.text())) {
        problems.push(`console error: ${message.text()}`);
      }
    });
    await page.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (event) => {
        window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    await use(page);
    const violations = await page.evaluate(() => window.__cspViolations || []).catch(() => []);
    for (const violation of violations) problems.push(`CSP violation: ${violation}`);
    base.expect(problems, 'no page errors, console errors or CSP violations').toEqual([]);
  },
});

/** Runs axe on the page and fails with the list of violations, if any. */
async function expectAccessible(page) {
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
