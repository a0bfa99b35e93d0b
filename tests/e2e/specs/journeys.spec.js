// The CG journeys of the security page, with axe checks in light and dark schemes at every step.
const { test, expect, expectAccessible, emulateMedia, inFirefox, signIn, submitPassword } = require('./fixtures');
const { createUser, totp, freshTotp, smsCode, outboxCount, confirmItsYou } = require('./helpers');
const fs = require('node:fs');
const path = require('node:path');
const { downloadDir } = require('../firefox');

const PHONE_NATIONAL = '202 555 0143';
const PHONE_E164 = '+12025550143';

/** axe in both colour schemes, then back to light. */
async function expectAccessibleInBothSchemes(page) {
  await expectAccessible(page);
  await emulateMedia(page, { colorScheme: 'dark' });
  await expectAccessible(page);
  await emulateMedia(page, { colorScheme: 'light' });
}

function row(page, name) {
  return page.getByRole('region', { name });
}

/**
 * Clicks `button` and returns the file it downloads: its name and text. Firefox over WebDriver
 * BiDi (Playwright 1.58.2) reports no download events, so there the file is read where Firefox
 * saved it (its download folder is set in firefox.js).
 */
async function downloadOf(page, button) {
  if (!inFirefox(page)) {
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    return { name: download.suggestedFilename(), text: fs.readFileSync(await download.path(), 'utf8') };
  }
  for (const file of fs.readdirSync(downloadDir)) fs.rmSync(path.join(downloadDir, file));
  await button.click();
  // Complete once Firefox has renamed its partial file to the name the page gave.
  const saved = () => fs.readdirSync(downloadDir).filter((file) => !file.endsWith('.part'));
  await expect.poll(() => saved().length, 'a file saved by Firefox').toBe(1);
  const [name] = saved();
  await expect.poll(() => fs.statSync(path.join(downloadDir, name)).size).toBeGreaterThan(0);
  return { name, text: fs.readFileSync(path.join(downloadDir, name), 'utf8') };
}

/** Ticks the gate and closes freshly shown recovery codes; returns the codes. */
async function acknowledgeRecoveryCodes(page) {
  const list = page.getByRole('list', { name: 'Recovery codes' });
  await expect(list).toBeVisible();
  const codes = (await list.getByRole('listitem').allTextContents()).map((t) => t.trim());
  expect(codes).toHaveLength(10);
  const done = page.getByRole('button', { name: 'Done' });
  await expect(done).toBeDisabled();
  await page.getByRole('checkbox', { name: 'I have saved my recovery codes' }).check();
  await expect(done).toBeEnabled();
  await done.click();
  await expect(list).toHaveCount(0);
  return codes;
}

/** Sets up the authenticator app; returns the key read from the page. */
async function setUpAuthenticator(page) {
  await page.getByRole('button', { name: 'Set up authenticator app' }).click();
  const qr = page.getByRole('img', { name: /^QR code/ });
  await expect(qr).toBeVisible();
  const key = (await page.locator('.key').textContent()).replace(/\s/g, '');
  expect(key).toMatch(/^[A-Z2-7]{32}$/);
  await expect(page.getByRole('link', { name: 'Open in authenticator app' })).toHaveAttribute('href', /^otpauth:\/\/totp\//);
  const code = page.getByRole('textbox', { name: 'Verification code' });
  await expect(code).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(code).toHaveAttribute('inputmode', 'numeric');
  await expectAccessibleInBothSchemes(page);

  // A wrong code keeps the QR code and what was typed, and says what went wrong.
  const wrong = totp(key) === '000000' ? '111111' : '000000';
  await code.fill(wrong);
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(code).toHaveValue(wrong);
  await expect(qr).toBeVisible();

  // Pasting a code with a space works, and a complete code submits by itself.
  await code.fill(`${totp(key).slice(0, 3)} ${totp(key).slice(3)}`);
  return key;
}

test('authenticator app: set up with a wrong then a right code, recovery codes at once, sign in with it', async ({ page, request }) => {
  const account = await createUser(request, 'totp');
  await signIn(page, account);
  const key = await setUpAuthenticator(page);
  await acknowledgeRecoveryCodes(page);
  await expect(page.getByText('Two-factor authentication is on')).toBeVisible();
  await expect(row(page, 'Authenticator app').getByText('On', { exact: true })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Authenticator app is on.' })).toBeVisible();
  await expectAccessibleInBothSchemes(page);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await submitPassword(page, account);
  await expect(page.getByRole('heading', { level: 1, name: 'Two-factor authentication' })).toBeVisible();
  await expectAccessibleInBothSchemes(page);
  await page.getByRole('textbox', { name: 'Verification code' }).fill(freshTotp(key, 1));
  await expect(page.getByRole('heading', { level: 1, name: 'Security' })).toBeVisible();
});

test('text messages: checked number, code from the outbox, default method, sign in by text', async ({ page, request }) => {
  const account = await createUser(request, 'sms');
  await signIn(page, account);
  const key = await setUpAuthenticator(page);
  await acknowledgeRecoveryCodes(page);

  await page.getByRole('button', { name: 'Set up text message' }).click();
  await page.getByRole('combobox', { name: 'Country' }).selectOption('US');
  const phone = page.getByRole('textbox', { name: 'Phone number' });
  // A number that cannot be right is refused before anything is sent.
  const textsBefore = await outboxCount(request, PHONE_E164);
  await phone.fill('12');
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByRole('alert')).toContainText('too short');
  expect(await outboxCount(request, PHONE_E164)).toBe(textsBefore);
  await expectAccessibleInBothSchemes(page);

  // The authenticator is on: adding text messages takes a current code of it first.
  await phone.fill(PHONE_NATIONAL);
  await page.getByRole('button', { name: 'Send code' }).click();
  const confirm = page.getByRole('group', { name: "Confirm it's you" });
  await expect(confirm.getByRole('heading', { name: "Confirm it's you" })).toBeFocused();
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Use a recovery code' })).toBeVisible();
  await expect(confirm.getByRole('button', { name: 'Text me a code' }), 'no phone on the account yet').toHaveCount(0);
  expect(await outboxCount(request, PHONE_E164), 'nothing texted before the confirmation').toBe(textsBefore);
  await expectAccessibleInBothSchemes(page);
  const confirmCode = confirm.getByRole('textbox', { name: 'Verification code' });
  await confirmCode.fill(totp(key) === '000000' ? '111111' : '000000');
  await expect(confirm.getByRole('alert')).toContainText('That code is not right');
  await expectAccessibleInBothSchemes(page);
  const sentAt = Date.now();
  await confirmItsYou(page, { code: freshTotp(key, 1) });
  await expect(page.getByText(/We sent a code to/)).toBeVisible();
  await expect(page.getByText(/The code expires in \d+:\d\d/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Resend code' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Change number' })).toBeVisible();
  await expectAccessibleInBothSchemes(page);
  const code = await smsCode(request, PHONE_E164, sentAt);
  await page.getByRole('textbox', { name: 'Verification code' }).fill(code);
  await expect(row(page, 'Text message (SMS)').getByText('On', { exact: true })).toBeVisible();

  // Make text messages the default: saved at once and announced.
  const selector = page.getByRole('combobox', { name: 'Default method' });
  await selector.selectOption('sms');
  await expect(page.getByRole('status').filter({ hasText: 'Default method saved' })).toBeVisible();
  await expect(row(page, 'Text message (SMS)').getByText('Default')).toBeVisible();
  await expectAccessibleInBothSchemes(page);

  // Sign in: the default (SMS) comes first and its text is sent at once.
  await page.getByRole('button', { name: 'Sign out' }).click();
  const signInAt = Date.now();
  await submitPassword(page, account);
  await expect(page.getByRole('heading', { level: 1, name: 'Two-factor authentication' })).toBeVisible();
  await expect(page.getByText('We sent a code to your phone')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Resend code' })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Use your authenticator app instead' })).toBeVisible();
  const signInCode = await smsCode(request, PHONE_E164, signInAt);
  await page.getByRole('textbox', { name: 'Verification code' }).fill(signInCode);
  await expect(page.getByRole('heading', { level: 1, name: 'Security' })).toBeVisible();
  expect(key).toBeTruthy();
});

test('recovery codes: generate, download, sign in with one, see it used; then turn both methods off', async ({ page, request }) => {
  const account = await createUser(request, 'recovery');
  await signIn(page, account);
  const key = await setUpAuthenticator(page);
  const firstCodes = await acknowledgeRecoveryCodes(page);
  await expect(page.getByText('10 of 10 codes left')).toBeVisible();

  // A new set asks first, then replaces the old one.
  await page.getByRole('button', { name: 'Generate new recovery codes' }).click();
  await expect(page.getByRole('heading', { name: 'Replace your recovery codes?' })).toBeVisible();
  await expectAccessibleInBothSchemes(page);
  await page.getByRole('button', { name: 'Generate', exact: true }).click();
  // Two-factor is on: a new set takes a current code first, here one of the set it replaces.
  await expect(page.getByRole('heading', { name: "Confirm it's you" })).toBeFocused();
  await expectAccessibleInBothSchemes(page);
  await confirmItsYou(page, { recoveryCode: firstCodes[0] });
  const list = page.getByRole('list', { name: 'Recovery codes' });
  await expect(list.getByRole('listitem')).toHaveCount(10);
  const codes = (await list.getByRole('listitem').allTextContents()).map((t) => t.trim());

  const { name, text } = await downloadOf(page, page.getByRole('button', { name: 'Download' }));
  expect(name).toBe('example-bank-recovery-codes.txt');
  expect(text).toContain('Example Bank recovery codes');
  expect(text).toContain(`Account: ${account.email}`);
  expect(text).toMatch(/Generated: \d{4}-\d\d-\d\d/);
  for (const code of codes) expect(text).toContain(code);
  await expectAccessibleInBothSchemes(page);
  await acknowledgeRecoveryCodes(page);

  // Sign in with a recovery code, typed in capitals without the dash.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await submitPassword(page, account);
  await page.getByRole('button', { name: 'Use a recovery code' }).click();
  await page.getByRole('textbox', { name: 'Recovery code' }).fill(codes[0].replace('-', '').toUpperCase());
  await expectAccessibleInBothSchemes(page);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Security' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '9 recovery codes are left' })).toBeVisible();
  await expect(page.getByText('9 of 10 codes left')).toBeVisible();
  // Viewing them takes a confirmation too: here with another recovery code.
  await page.getByRole('button', { name: 'View recovery codes' }).click();
  await page.getByRole('button', { name: 'Use a recovery code' }).click();
  await expect(page.getByRole('textbox', { name: 'Recovery code' })).toBeFocused();
  await expectAccessibleInBothSchemes(page);
  await confirmItsYou(page, { recoveryCode: codes[1] });
  const used = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').filter({ hasText: codes[0] });
  await expect(used).toContainText('used');
  await expect(page.getByRole('checkbox', { name: 'I have saved my recovery codes' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Done' }).click();

  // Add text messages, then turn both methods off.
  await page.getByRole('button', { name: 'Set up text message' }).click();
  await page.getByRole('combobox', { name: 'Country' }).selectOption('US');
  await page.getByRole('textbox', { name: 'Phone number' }).fill(PHONE_NATIONAL);
  const sentAt = Date.now();
  await page.getByRole('button', { name: 'Send code' }).click();
  await confirmItsYou(page, { recoveryCode: codes[2] });
  await page.getByRole('textbox', { name: 'Verification code' }).fill(await smsCode(request, PHONE_E164, sentAt));
  await expect(row(page, 'Text message (SMS)').getByText('On', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Turn off authenticator app' }).click();
  await expect(page.getByText('This is your default method.')).toBeVisible();
  await expectAccessibleInBothSchemes(page);
  await page.getByRole('textbox', { name: 'Verification code' }).fill(freshTotp(key, 1));
  await expect(row(page, 'Authenticator app').getByText('Off', { exact: true })).toBeVisible();

  const offAt = Date.now();
  await page.getByRole('button', { name: 'Turn off text message' }).click();
  await expect(page.getByText(/only two-factor method/)).toBeVisible();
  await expect(page.getByText(/We sent a code to/)).toBeVisible();
  await page.getByRole('textbox', { name: 'Verification code' }).fill(await smsCode(request, PHONE_E164, offAt));
  await expect(page.getByText('Two-factor authentication is off')).toBeVisible();
  await expectAccessibleInBothSchemes(page);
});

test("Confirm it's you with a texted code: Text me a code, the code from the outbox, the recovery codes shown", async ({ page, request }) => {
  const [national, e164] = ['202 555 0178', '+12025550178'];
  const account = await createUser(request, 'step-up-text');
  await signIn(page, account);
  const key = await setUpAuthenticator(page);
  await acknowledgeRecoveryCodes(page);
  await page.getByRole('button', { name: 'Set up text message' }).click();
  await page.getByRole('combobox', { name: 'Country' }).selectOption('US');
  await page.getByRole('textbox', { name: 'Phone number' }).fill(national);
  const sentAt = Date.now();
  await page.getByRole('button', { name: 'Send code' }).click();
  await confirmItsYou(page, { code: freshTotp(key, 1) });
  await page.getByRole('textbox', { name: 'Verification code' }).fill(await smsCode(request, e164, sentAt));
  await expect(row(page, 'Text message (SMS)').getByText('On', { exact: true })).toBeVisible();

  // Text messages are on: the confirmation can be a texted code instead of the app's.
  await page.getByRole('button', { name: 'View recovery codes' }).click();
  const confirm = page.getByRole('group', { name: "Confirm it's you" });
  await expect(confirm.getByRole('heading', { name: "Confirm it's you" })).toBeFocused();
  const textMe = confirm.getByRole('button', { name: 'Text me a code' });
  const texts = await outboxCount(request, e164);
  const askedAt = Date.now();
  await textMe.click();
  await expect(textMe, 'the same cooldown as elsewhere').toBeDisabled();
  await expect(confirm.getByText(/ask for a new code in \d+:\d\d/)).toBeVisible();
  expect(await outboxCount(request, e164)).toBe(texts + 1);
  await expectAccessibleInBothSchemes(page);
  await confirmItsYou(page, { code: await smsCode(request, e164, askedAt) });
  const list = page.getByRole('list', { name: 'Recovery codes' });
  await expect(list.getByRole('listitem')).toHaveCount(10);
  await expectAccessibleInBothSchemes(page);
});
