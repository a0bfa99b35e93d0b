// The README's pictures: the authenticator-app step in light and dark, and on a phone.
const path = require('node:path');
const { test, expect, signIn } = require('../specs/fixtures');
const { createUser } = require('../specs/helpers');

const out = path.resolve(__dirname, '..', '..', '..', 'docs', 'screenshots');

for (const [name, options] of [
  ['light', { viewport: { width: 1000, height: 1000 }, colorScheme: 'light' }],
  ['dark', { viewport: { width: 1000, height: 1000 }, colorScheme: 'dark' }],
  ['phone', { viewport: { width: 360, height: 780 }, colorScheme: 'light' }],
]) {
  test(`screenshot: ${name}`, async ({ browser, request }) => {
    const context = await browser.newContext(options);
    const page = await context.newPage();
    await signIn(page, await createUser(request, `shot-${name}`));
    await page.getByRole('button', { name: 'Set up authenticator app' }).click();
    await expect(page.getByRole('img', { name: /^QR code/ })).toBeVisible();
    // The step takes the focus (which may scroll); the pictures start at the top.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(out, `${name}.png`), fullPage: name !== 'phone' });
    await context.close();
  });
}
