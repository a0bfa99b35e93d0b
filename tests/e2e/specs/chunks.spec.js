// The second step of signing in, the security page and the set-up of a method are wasm chunks of
// their own: the sign-in page works without them and fetches the first two ahead once it is idle,
// the security page fetches the third, and when a chunk cannot be loaded (not found, aborted,
// truncated, too slow) the person is told so where the part would be, with "Try again", and loses
// nothing.
const { test, expect, expectAccessible, forgiveChunkLoaderErrors, submitPassword, signIn, DEMO } = require('./fixtures');
const { createUser, freshTotp, setUpAuthenticator } = require('./helpers');
const { routeConfig } = require('./network');

/** Every wasm file but the main module (`mfa-app-<hash>_bg.wasm`): the chunks. */
const CHUNK = /\/(?!mfa-app-)[^/]+\.wasm$/;

/** What the second step of signing in loads: its own chunk and those it shares with the security page. */
const SECOND_STEP_CHUNKS = /\/(split_second_factor|chunk_\d+)-[0-9a-f]+\.wasm$/;

/** What setting up a method loads beyond the security page: its own chunk (the shared ones are loaded already). */
const SET_UP_CHUNK = /\/split_set_up-[0-9a-f]+\.wasm$/;

const securityHeading = (page) => page.getByRole('heading', { level: 1, name: 'Security' });
const settingsLoaded = (page) => page.getByRole('heading', { level: 2, name: 'Two-factor authentication' });

test('the sign-in page is ready without the chunks, and fetches them once idle', async ({ page }) => {
  const chunkRequests = [];
  // Held: a sign-in page that needed a chunk would never become ready.
  await page.route(CHUNK, (route) => chunkRequests.push(route));
  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  await expect.poll(() => chunkRequests.length, { message: 'the chunks are fetched ahead' }).toBeGreaterThan(0);
  for (const route of chunkRequests) await route.continue();
  await page.unroute(CHUNK);
});

test('leaving the sign-in page while its chunk is fetched ahead is no error, and the next page is ready', async ({ page }) => {
  const held = [];
  // The chunk's download is under way (held by the test) when the person goes to another page.
  await page.route(CHUNK, (route) => held.push(route));
  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  await expect.poll(() => held.length, { message: 'the chunk is fetched ahead' }).toBeGreaterThan(0);
  await page.unroute(CHUNK);
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
});

test('a sign-in sent before the browser is idle fetches the chunk beside the sign-in request', async ({ page }) => {
  // A browser that is never idle: no fetch ahead.
  await page.addInitScript(() => {
    window.requestIdleCallback = () => 1;
  });
  let chunkAsked = false;
  page.on('request', (request) => CHUNK.test(request.url()) && (chunkAsked = true));
  let askedBeforeAnswer = null;
  // The sign-in answer waits (up to 5 s) for the chunk request: it must not need the answer.
  await page.route(/\/auth\/sign_in$/, async (route) => {
    for (let waited = 0; !chunkAsked && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
    askedBeforeAnswer = chunkAsked;
    await route.continue();
  });
  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  await page.waitForTimeout(500);
  expect(chunkAsked, 'no fetch ahead in a browser that is never idle').toBe(false);
  await page.getByRole('textbox', { name: 'Email' }).fill(DEMO.email);
  await page.getByLabel('Password').fill(DEMO.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(settingsLoaded(page)).toBeVisible();
  expect(askedBeforeAnswer).toBe(true);
});

test('the chunks and their loader are content-hashed, immutable and sent compressed', async ({ page }) => {
  const responses = [];
  page.on('response', (response) => /\/(__wasm_split-[0-9a-f]{16}\.js|[^/]+-[0-9a-f]{16}\.wasm)$/.test(response.url()) && responses.push(response));
  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  // The loader (preloaded beside the glue), the main module and at least one chunk (fetched ahead).
  await expect.poll(() => responses.filter((r) => CHUNK.test(r.url())).length).toBeGreaterThan(0);
  expect(responses.some((r) => r.url().includes('/__wasm_split-'))).toBe(true);
  for (const response of responses) {
    const headers = await response.allHeaders();
    expect(response.status(), response.url()).toBe(200);
    expect(headers['cache-control'], response.url()).toBe('public, max-age=31536000, immutable');
    expect(headers['content-encoding'], response.url()).toBe('br');
    expect(headers['content-type'], response.url()).toMatch(response.url().endsWith('.wasm') ? /^application\/wasm/ : /javascript/);
  }
});

test('signed out, /security sends to the sign-in page without loading its chunk', async ({ page }) => {
  // Where the page was when each chunk was asked for: only the sign-in page's idle fetch may ask.
  const askedFrom = [];
  page.on('request', (request) => CHUNK.test(request.url()) && askedFrom.push(new URL(page.url()).pathname));
  await page.goto('/security');
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
  await expect.poll(() => askedFrom.length).toBeGreaterThan(0);
  expect(askedFrom.filter((path) => path !== '/sign-in')).toEqual([]);
});

const FAILURES = {
  'not found (404)': {
    fail: (route) => route.fulfill({ status: 404, contentType: 'text/html', body: '<h1>Not found</h1>' }),
    message: /could not be loaded/,
  },
  'an aborted connection': {
    fail: (route) => route.abort('connectionreset'),
    message: /could not be loaded/,
  },
  'a truncated file': {
    fail: async (route) => {
      const response = await route.fetch();
      const body = await response.body();
      await route.fulfill({ status: 200, contentType: 'application/wasm', body: body.subarray(0, body.length >> 1) });
    },
    message: /could not be loaded/,
  },
};

for (const [kind, { fail, message }] of Object.entries(FAILURES)) {
  test(`a chunk that cannot load (${kind}) says so with Try again, and Try again loads it`, async ({ page, problems }) => {
    await page.route(CHUNK, fail);
    await submitPassword(page);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(message);
    await expect(alert).toContainText(/^This page /);
    // A page change as any other: the new page's heading has the focus.
    await expect(securityHeading(page)).toBeFocused();
    await expect(page.getByRole('status')).toHaveCount(0);
    await expectAccessible(page);

    await page.unroute(CHUNK);
    await page.getByRole('button', { name: 'Try again', exact: true }).click();
    await expect(settingsLoaded(page)).toBeVisible();
    await expect(alert).toHaveCount(0);
    // The loader reports each failed load on the console; this test causes them on purpose.
    forgiveChunkLoaderErrors(problems);
  });
}

for (const [kind, { fail, message }] of Object.entries(FAILURES)) {
  test(`a second step whose chunk cannot load (${kind}) says so with Try again, and Try again shows the code field`, async ({ page, request, problems }) => {
    const account = await createUser(request, 'chunk');
    await signIn(page, account);
    const key = await setUpAuthenticator(page);
    await page.route(SECOND_STEP_CHUNKS, fail);
    // A new document: its chunks are fetched anew (and fail).
    await submitPassword(page, account);
    await expect(page.getByRole('heading', { level: 1, name: 'Two-factor authentication' })).toBeVisible();
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(message);
    // A step of the sign-in page, not the page, could not be loaded.
    await expect(alert).toContainText(/^This step /);
    // "Sign in" is gone with the password step: the message has the focus it had.
    await expect(page.locator('section.card[tabindex="-1"]').filter({ has: alert })).toBeFocused();
    await expect(page.getByRole('status')).toHaveCount(0);
    await expectAccessible(page);

    await page.unroute(SECOND_STEP_CHUNKS);
    await page.getByRole('button', { name: 'Try again', exact: true }).click();
    const code = page.getByRole('textbox', { name: 'Verification code' });
    await expect(code).toBeFocused();
    await expect(alert).toHaveCount(0);
    await code.fill(freshTotp(key, 1));
    await expect(settingsLoaded(page)).toBeVisible();
    forgiveChunkLoaderErrors(problems);
  });
}

test('a set-up whose chunk cannot load says so with Try again and Cancel; Cancel closes it, Try again opens it', async ({ page, problems }) => {
  await page.route(SET_UP_CHUNK, (route) => route.fulfill({ status: 404, contentType: 'text/html', body: '<h1>Not found</h1>' }));
  await signIn(page, await createUser(page.request, 'setup-chunk'));
  const setUp = page.getByRole('button', { name: 'Set up authenticator app', exact: true });
  await setUp.click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText(/^This step could not be loaded/);
  // The button that opened the step is gone: the message has the focus.
  await expect(page.locator('section.card[tabindex="-1"]').filter({ has: alert })).toBeFocused();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(alert).toHaveCount(0);
  await expect(setUp).toBeVisible();

  // Opened again while the chunk still fails: the same message; then the network recovers, and Try
  // again shows the step.
  await setUp.click();
  await expect(alert).toContainText(/could not be loaded/);
  await page.unroute(SET_UP_CHUNK);
  await page.getByRole('button', { name: 'Try again', exact: true }).click();
  await expect(page.getByRole('img', { name: /^QR code/ })).toBeVisible();
  await expect(alert).toHaveCount(0);
  forgiveChunkLoaderErrors(problems);
});

test('a chunk that takes longer than the time-out says so, and Try again shows the page once it arrives', async ({ page, request, problems }) => {
  await routeConfig(page, request, { timeout_ms: 1500 });
  const held = [];
  await page.route(CHUNK, (route) => held.push(route));
  await submitPassword(page);
  await expect(page.getByRole('alert')).toContainText(/took too long to load/);
  await expect(page.getByRole('button', { name: 'Try again', exact: true })).toBeVisible();
  await expectAccessible(page);

  // The network recovers: the held downloads complete, and Try again picks them up.
  await page.unroute(CHUNK);
  for (const route of held) await route.continue();
  await page.getByRole('button', { name: 'Try again', exact: true }).click();
  await expect(settingsLoaded(page)).toBeVisible();
  forgiveChunkLoaderErrors(problems);
});
