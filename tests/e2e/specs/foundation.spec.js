// The foundation journey: deep link, sign in as the demo user, see the status, sign out.
const { test, expect, expectAccessible, submitPassword, signIn, DEMO } = require('./fixtures');

test('a deep link to /security asks to sign in, then shows 2FA off, then signs out', async ({ page }) => {
  await page.goto('/security');
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expectAccessible(page);

  await signIn(page);
  await expect(page).toHaveURL(/\/security$/);
  await expect(page.getByRole('heading', { level: 2, name: 'Two-factor authentication' })).toBeVisible();
  await expect(page.getByText('Two-factor authentication is off')).toBeVisible();
  for (const method of ['Authenticator app', 'Text message (SMS)']) {
    const row = page.getByRole('region', { name: method });
    await expect(row).toBeVisible();
    await expect(row.getByText('Off', { exact: true })).toBeVisible();
  }
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  // The token is gone: going back to /security asks to sign in again.
  await page.goto('/security');
  await expect(page).toHaveURL(/\/sign-in$/);
});

test('a loading bar shows while the wasm downloads, and goes when the app is mounted', async ({ page }) => {
  let release;
  const held = new Promise((resolve) => {
    release = resolve;
  });
  await page.route(/_bg\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/sign-in', { waitUntil: 'commit' });
  const bar = page.locator('body > .boot');
  await expect(bar).toBeVisible();
  expect((await bar.boundingBox()).width).toBeGreaterThan(300);
  await expect(page.getByRole('button', { name: 'Sign in' })).toHaveCount(0);
  release();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  await expect(bar).toBeHidden();
});

test('config.json is fetched once, while the wasm downloads (the preload is used)', async ({ page }) => {
  const requests = [];
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/config.json') requests.push(request);
  });
  const warnings = [];
  page.on('console', (message) => warnings.push(message.text()));
  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  expect(requests).toHaveLength(1);
  // The one request is the preload's (initiator "link"), not the app's own after it started.
  const initiators = await page.evaluate(() =>
    performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname === '/config.json').map((e) => e.initiatorType),
  );
  expect(initiators).toEqual(['link']);
  expect(warnings.filter((text) => text.includes('preloaded') && text.includes('not used'))).toEqual([]);
});

test('a wrong password says so in an alert and keeps the email', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByRole('textbox', { name: 'Email' }).fill(DEMO.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('not correct');
  await expect(page.getByRole('textbox', { name: 'Email' })).toHaveValue(DEMO.email);
  await expectAccessible(page);
});

test('a 401 from the server returns to sign-in once, with a notice', async ({ page }) => {
  let calls = 0;
  await page.route('**/v2/user/me', (route) => {
    calls += 1;
    return route.fulfill({ status: 401, contentType: 'application/json', body: '{"errors":["expired"]}' });
  });
  await submitPassword(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Your session has ended' })).toBeVisible();
  expect(calls).toBe(1);
});

test('a missing or malformed config.json gives a clear error page', async ({ page }) => {
  await page.route('**/config.json', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>oops</title>' }),
  );
  await page.goto('/security');
  await expect(page.getByRole('heading', { level: 1, name: 'This page is not set up yet' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('config.json is not valid');
  await expectAccessible(page);

  await page.route('**/config.json', (route) => route.fulfill({ status: 404, body: 'Not found' }));
  await page.reload();
  await expect(page.getByRole('alert')).toContainText('HTTP 404');
});

test('the server sends a strict CSP whose hash lets the loader run', async ({ page, request }) => {
  const response = await request.get('/security');
  expect(response.status()).toBe(200);
  const csp = response.headers()['content-security-policy'];
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(response.headers()['x-content-type-options']).toBe('nosniff');
  expect(response.headers()['cache-control']).toContain('no-cache');
  // The page starts under that policy (the fixture fails on any violation).
  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  const api = await request.get('/v2/user/me');
  expect(api.status()).toBe(401);
  expect(api.headers()['cache-control']).toBe('no-store');
});

test('links, Back and Forward move between pages; a redirect replaces the address it left', async ({ page }) => {
  const notFound = page.getByRole('heading', { level: 1, name: 'Page not found' });
  const signInHeading = page.getByRole('heading', { level: 1, name: 'Sign in' });
  await page.goto('/no-such-page');
  await expect(notFound).toBeVisible();
  const entries = await page.evaluate(() => history.length);
  // /security needs a session: the link's new entry is replaced by /sign-in, without a reload.
  await page.evaluate(() => {
    window.__samePage = true;
  });
  await page.getByRole('link', { name: 'Go to your security settings' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(signInHeading).toBeVisible();
  expect(await page.evaluate(() => [history.length, window.__samePage])).toEqual([entries + 1, true]);
  // Back skips the redirected address (it would only send here again) and Forward returns.
  await page.goBack();
  await expect(page).toHaveURL(/\/no-such-page$/);
  await expect(notFound).toBeVisible();
  await page.goForward();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(signInHeading).toBeVisible();
  expect(await page.evaluate(() => window.__samePage)).toBe(true);

  // `/` sends on by the session, in place of its own entry too.
  const before = await page.evaluate(() => history.length);
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(signInHeading).toBeVisible();
  expect(await page.evaluate(() => history.length)).toBe(before + 1);
});
