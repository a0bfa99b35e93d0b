// Themes and small screens: the header's "Theme" switcher overrides prefers-color-scheme and is
// remembered; the QR code stays dark on white; at 320 and 360 px nothing scrolls sideways, every
// control is at least 44 px in both directions and the header keeps to two rows.
const { test, expect, expectAccessible, inFirefox, signIn } = require('./fixtures');
const firefox = require('../firefox');
const { createUser } = require('./helpers');

const LIGHT_BG = 'rgb(246, 247, 249)';
const DARK_BG = 'rgb(17, 20, 24)';

function background(page, selector) {
  return page.locator(selector).first().evaluate((element) => getComputedStyle(element).backgroundColor);
}

test('the theme switch overrides the system scheme, keeps the QR code dark on white, and is remembered', async ({ page, request, playwright }) => {
  const account = await createUser(request, 'theme');
  await page.emulateMedia({ colorScheme: 'light' });
  await signIn(page, account);
  const theme = page.getByRole('combobox', { name: 'Theme' });
  await expect(theme).toHaveValue('system');
  expect(await background(page, 'body')).toBe(LIGHT_BG);

  await theme.selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background(page, 'body')).toBe(DARK_BG);
  await page.getByRole('button', { name: 'Set up authenticator app' }).click();
  await expect(page.getByRole('img', { name: /^QR code/ })).toBeVisible();
  expect(await background(page, 'img.qr')).toBe('rgb(255, 255, 255)');
  await expectAccessible(page);

  // A system in dark mode with "Light" chosen stays light. Firefox over WebDriver BiDi cannot
  // emulate the system's scheme (emulateMedia changes nothing there): in Firefox these checks run
  // in a second Firefox whose system is dark (its `ui.systemUsesDarkTheme` preference).
  let darkBrowser;
  let dark = page;
  if (inFirefox(page)) {
    const prefs = { ...firefox.launchOptions.firefoxUserPrefs, 'ui.systemUsesDarkTheme': 1 };
    darkBrowser = await playwright.firefox.launch({ ...firefox.launchOptions, firefoxUserPrefs: prefs });
    dark = await (await darkBrowser.newContext({ baseURL: test.info().project.use.baseURL })).newPage();
    await signIn(dark, account);
  } else {
    await page.emulateMedia({ colorScheme: 'dark' });
  }
  const darkTheme = dark.getByRole('combobox', { name: 'Theme' });
  await darkTheme.selectOption('light');
  await expect(dark.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await background(dark, 'body')).toBe(LIGHT_BG);
  await expectAccessible(dark);

  // "System" follows the system again.
  await darkTheme.selectOption('system');
  await expect(dark.locator('html')).not.toHaveAttribute('data-theme');
  expect(await background(dark, 'body')).toBe(DARK_BG);
  await darkBrowser?.close();

  // The choice is kept across visits.
  await theme.selectOption('dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto('/sign-in');
  await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(await background(page, 'body')).toBe(DARK_BG);
  await expectAccessible(page);
});

/** Fails when a visible control is smaller than 44 × 44 px. */
async function expectTouchTargets(page) {
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('button, select, input:not([type="checkbox"]), a.button, .link-button')]
      .filter((element) => element.offsetParent !== null && !element.closest('.skip-link'))
      .map((element) => {
        const box = element.getBoundingClientRect();
        return { name: element.textContent.trim() || element.id || element.tagName, width: box.width, height: box.height };
      })
      .filter((box) => box.width < 44 || box.height < 44),
  );
  expect(small, 'controls smaller than 44 × 44 px').toEqual([]);
}

/**
 * Fails when the header takes more than two rows of controls: on a phone, brand and "Sign out"
 * share the first row and the "Language" and "Theme" selects sit side by side on the second (when
 * they stacked, the header was over 200 px tall at 360 px).
 */
async function expectCompactHeader(page) {
  const header = await page.locator('.site-header').boundingBox();
  expect(header.height, 'header height (two rows of 44 px controls, labels and padding)').toBeLessThanOrEqual(150);
  const [language, theme] = await Promise.all([0, 1].map((n) => page.locator('.site-header select').nth(n).boundingBox()));
  expect(theme.y, 'the two selects side by side').toBe(language.y);
  const signOut = page.locator('.site-header button');
  if ((await signOut.count()) > 0) {
    const button = await signOut.boundingBox();
    expect(button.y + button.height, '"Sign out" above the selects').toBeLessThanOrEqual(language.y);
  }
}

for (const width of [320, 360]) {
  test(`at ${width} px nothing scrolls sideways and every control is a 44 px touch target`, async ({ page, request }) => {
    await page.setViewportSize({ width, height: 720 });
    await page.goto('/sign-in');
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
    await expectAccessible(page);
    await expectTouchTargets(page);
    await expectCompactHeader(page);

    const account = await createUser(request, `narrow-${width}`);
    await signIn(page, account);
    await expectAccessible(page);
    await expectTouchTargets(page);
    await expectCompactHeader(page);

    await page.getByRole('button', { name: 'Set up text message' }).click();
    await expect(page.getByRole('textbox', { name: 'Phone number' })).toBeVisible();
    // The step opens with the focus on its heading.
    await expect(page.getByRole('heading', { name: 'Set up text messages' })).toBeFocused();
    await expectAccessible(page);
    await expectTouchTargets(page);
    await page.getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Set up authenticator app' }).click();
    const code = page.getByRole('textbox', { name: 'Verification code' });
    await expect(code).toHaveAttribute('inputmode', 'numeric');
    await expectAccessible(page);
    await expectTouchTargets(page);

    // The longest labels: Russian.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('ru');
    await expect(page.getByRole('heading', { level: 1, name: 'Безопасность' })).toBeVisible();
    await expectAccessible(page);
    await expectTouchTargets(page);
    await expectCompactHeader(page);
  });
}
