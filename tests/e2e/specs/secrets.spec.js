// Secret hygiene: after each journey no authenticator key, recovery code or token is left in
// storage, cookies, the URL, the history state or the console; after pagehide they are gone from
// the page and the person must sign in again. The download and the clipboard are the only ways out.
const { test, expect, inFirefox, signIn, submitPassword } = require('./fixtures');
const { createUser, totp, freshTotp, confirmItsYou } = require('./helpers');
const { watchTokens, expectNoLeaks, expectGoneFromPage } = require('./canary');

const button = (page, name) => page.getByRole('button', { name, exact: true });
const signInHeading = (page) => page.getByRole('heading', { level: 1, name: 'Sign in' });

test('the authenticator, recovery-code and sign-in journeys leave no secret behind', async ({ page, request, consoleLog }) => {
  const tokens = watchTokens(page);
  const account = await createUser(request, 'canary');
  await signIn(page, account);
  await expect.poll(() => tokens.length).toBe(1);
  await expectNoLeaks(page, consoleLog, tokens);

  // Set up the authenticator app: the key and the first recovery codes appear.
  await button(page, 'Set up authenticator app').click();
  const key = (await page.locator('.key').textContent()).replace(/\s/g, '');
  await expectNoLeaks(page, consoleLog, [key, ...tokens]);
  await page.getByRole('textbox', { name: 'Verification code' }).fill(totp(key));
  const list = page.getByRole('list', { name: 'Recovery codes' });
  await expect(list.getByRole('listitem')).toHaveCount(10);
  const codes = (await list.getByRole('listitem').allTextContents()).map((t) => t.trim());
  await expectNoLeaks(page, consoleLog, [key, ...codes, ...tokens]);
  await page.getByRole('checkbox', { name: 'I have saved my recovery codes' }).check();
  await button(page, 'Done').click();
  await expect(list).toHaveCount(0);
  await expectGoneFromPage(page, [key, ...codes]);

  // Sign in again with the app, then with a recovery code.
  await button(page, 'Sign out').click();
  await submitPassword(page, account);
  await page.getByRole('textbox', { name: 'Verification code' }).fill(freshTotp(key, 1));
  await expect(page.getByRole('heading', { level: 1, name: 'Security' })).toBeVisible();
  await expectNoLeaks(page, consoleLog, [key, ...codes, ...tokens]);
  await button(page, 'Sign out').click();
  await submitPassword(page, account);
  await button(page, 'Use a recovery code').click();
  await page.getByRole('textbox', { name: 'Recovery code' }).fill(codes[0]);
  await button(page, 'Sign in').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Security' })).toBeVisible();
  await expect.poll(() => tokens.length).toBe(3);
  await expectNoLeaks(page, consoleLog, [key, ...codes, ...tokens]);

  // Viewing the codes, then the page is hidden: the codes leave the page and the token is gone.
  await button(page, 'View recovery codes').click();
  await confirmItsYou(page, { recoveryCode: codes[1] });
  await expect(list.getByRole('listitem')).toHaveCount(10);
  await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: true })));
  await expect(signInHeading(page)).toBeVisible();
  await expectGoneFromPage(page, [key, ...codes, ...tokens]);
  await expectNoLeaks(page, consoleLog, [key, ...codes, ...tokens]);
  await page.goto('/security');
  await expect(signInHeading(page)).toBeVisible();
});

test('a page left for another and brought back asks to sign in again', async ({ page, request, consoleLog }) => {
  const tokens = watchTokens(page);
  const account = await createUser(request, 'canary-back');
  await signIn(page, account);
  await button(page, 'Set up authenticator app').click();
  const key = (await page.locator('.key').textContent()).replace(/\s/g, '');
  await page.goto('about:blank');
  if (inFirefox(page)) {
    // Firefox over WebDriver BiDi: Playwright misses the page's return from the back/forward
    // cache (goBack never settles, and locators wait for a navigation that has happened), so the
    // page goes back by its own history and is read through evaluate, which does reach it.
    await page.evaluate(() => setTimeout(() => window.history.back(), 0));
    const shown = () =>
      page
        .evaluate(() => ({
          heading: document.querySelector('h1')?.textContent ?? '',
          signOut: [...document.querySelectorAll('button')].some((b) => b.textContent.trim() === 'Sign out'),
        }))
        .catch(() => null); // Asked while the page changed: ask again.
    await expect.poll(shown).toEqual({ heading: 'Sign in', signOut: false });
  } else {
    await page.goBack();
    await expect(signInHeading(page)).toBeVisible();
    await expect(button(page, 'Sign out')).toHaveCount(0);
  }
  await expectGoneFromPage(page, [key, ...tokens]);
  await expectNoLeaks(page, consoleLog, [key, ...tokens]);
});

test('the canary finds a secret planted in each place it watches', async ({ page, consoleLog }) => {
  await page.goto('/sign-in');
  await expect(button(page, 'Sign in')).toBeVisible();
  const secret = 'CANARYKEY2345672';
  const plants = {
    localStorage: [(s) => localStorage.setItem('k', s), () => localStorage.clear()],
    sessionStorage: [(s) => sessionStorage.setItem('k', s), () => sessionStorage.clear()],
    cookie: [(s) => (document.cookie = `k=${s}`), () => (document.cookie = 'k=; max-age=0')],
    indexedDB: [
      (s) => new Promise((resolve) => (indexedDB.open(s).onsuccess = (e) => (e.target.result.close(), resolve()))),
      (s) => new Promise((resolve) => (indexedDB.deleteDatabase(s).onsuccess = resolve)),
    ],
    historyState: [(s) => history.replaceState({ s }, ''), () => history.replaceState(null, '')],
    url: [(s) => history.replaceState(null, '', `?k=${s}`), () => history.replaceState(null, '', '/sign-in')],
  };
  for (const [place, [plant, clean]] of Object.entries(plants)) {
    await page.evaluate(plant, secret);
    await expect(expectNoLeaks(page, consoleLog, [secret]), place).rejects.toThrow(/no secret left behind/);
    await page.evaluate(clean, secret);
  }
  await expectNoLeaks(page, consoleLog, [secret]);
  await page.evaluate((s) => console.info(`debug ${s}`), secret);
  await expect.poll(() => consoleLog.some((line) => line.includes(secret))).toBe(true);
  await expect(expectNoLeaks(page, consoleLog, [secret]), 'console').rejects.toThrow(/no secret left behind/);
});
