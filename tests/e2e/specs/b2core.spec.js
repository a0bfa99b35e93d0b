// The same build against the B2Core dialect (the server's config.json says "b2core"): the wizard
// API drives the same steps; recovery codes and the default method do not appear.
const { test, expect, expectAccessible, signIn, submitPassword } = require('./fixtures');
const { createUser, totp, freshTotp, stepOf, totpAfter, smsCode, outboxCount, confirmItsYou } = require('./helpers');

const PHONE_E164 = '+79994445561';

function row(page, name) {
  return page.getByRole('region', { name });
}

async function expectNoCgOnlySections(page) {
  await expect(page.getByRole('heading', { name: 'Recovery codes' })).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Default method' })).toHaveCount(0);
}

test('b2core: the server config.json names the b2core dialect', async ({ request }) => {
  const config = await (await request.get('/config.json')).json();
  expect(config.dialect).toBe('b2core');
});

test('b2core: authenticator app on, sign in with it, turn it off with a code from the app', async ({ page, request }) => {
  test.setTimeout(100_000);
  const account = await createUser(request, 'b2-totp');
  const languages = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v2/')) languages.push(r.headers()['accept-language']);
  });
  await signIn(page, account);
  await expect(page.getByText('Two-factor authentication is off')).toBeVisible();
  await expectNoCgOnlySections(page);
  expect(languages.length).toBeGreaterThan(0);
  expect(languages.every((l) => typeof l === 'string' && l.length > 0)).toBe(true);

  await page.getByRole('button', { name: 'Set up authenticator app' }).click();
  await expect(page.getByRole('img', { name: /^QR code/ })).toBeVisible();
  const key = (await page.locator('.key').textContent()).replace(/\s/g, '');
  await expectAccessible(page);
  await page.getByRole('textbox', { name: 'Verification code' }).fill(freshTotp(key, 0));
  await expect(row(page, 'Authenticator app').getByText('On', { exact: true })).toBeVisible();
  await expect(page.getByText('Two-factor authentication is on')).toBeVisible();
  // No recovery codes in this dialect: nothing is shown for them.
  await expectNoCgOnlySections(page);
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await submitPassword(page, account);
  await expect(page.getByRole('heading', { level: 1, name: 'Two-factor authentication' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Use a recovery code' })).toHaveCount(0);
  await expectAccessible(page);
  const signInStep = stepOf(1);
  await page.getByRole('textbox', { name: 'Verification code' }).fill(freshTotp(key, 1));
  await expect(page.getByRole('heading', { level: 1, name: 'Security' })).toBeVisible();

  // Turning it off takes a current code of the app itself (workflow 2fa_google), never an
  // emailed one: nothing is sent.
  await page.getByRole('button', { name: 'Turn off authenticator app' }).click();
  await expect(page.getByText('Enter a current code from your authenticator app to turn it off.')).toBeVisible();
  await expectAccessible(page);
  const mail = await (await request.get(`/__dev/outbox?phone=${encodeURIComponent(account.email)}`)).json();
  expect(mail.filter((m) => m.code)).toEqual([]);
  await page.getByRole('textbox', { name: 'Verification code' }).fill(await totpAfter(key, signInStep));
  await expect(page.getByText('Two-factor authentication is off')).toBeVisible();
});

test('b2core: text messages on with the expiry shown, sign in by text, turn off with a texted code', async ({ page, request }) => {
  const account = await createUser(request, 'b2-sms');
  await signIn(page, account);
  await page.getByRole('button', { name: 'Set up text message' }).click();
  await page.getByRole('combobox', { name: 'Country' }).selectOption('RU');
  await page.getByRole('textbox', { name: 'Phone number' }).fill('999 444-55-61');
  const sentAt = Date.now();
  await page.getByRole('button', { name: 'Send code' }).click();
  await expect(page.getByText(/We sent a code to/)).toBeVisible();
  await expect(page.getByText(/The code expires in \d+:\d\d/)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('textbox', { name: 'Verification code' }).fill(await smsCode(request, PHONE_E164, sentAt));
  await expect(row(page, 'Text message (SMS)').getByText('On', { exact: true })).toBeVisible();
  await expectNoCgOnlySections(page);

  await page.getByRole('button', { name: 'Sign out' }).click();
  const signInAt = Date.now();
  await submitPassword(page, account);
  await expect(page.getByText('We sent a code to your phone')).toBeVisible();
  await page.getByRole('textbox', { name: 'Verification code' }).fill(await smsCode(request, PHONE_E164, signInAt));
  await expect(page.getByRole('heading', { level: 1, name: 'Security' })).toBeVisible();

  const offAt = Date.now();
  await page.getByRole('button', { name: 'Turn off text message' }).click();
  await expect(page.getByText(/We sent a code to \+7/)).toBeVisible();
  await page.getByRole('textbox', { name: 'Verification code' }).fill(await smsCode(request, PHONE_E164, offAt));
  await expect(page.getByText('Two-factor authentication is off')).toBeVisible();
  await expectAccessible(page);
});

test('b2core: a wrong wizard code keeps the step and says so', async ({ page, request }) => {
  const account = await createUser(request, 'b2-wrong');
  await signIn(page, account);
  await page.getByRole('button', { name: 'Set up authenticator app' }).click();
  const code = page.getByRole('textbox', { name: 'Verification code' });
  await code.fill('000000');
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(code).toHaveValue('000000');
  await expect(page.getByRole('img', { name: /^QR code/ })).toBeVisible();
});

/** Turns text messages on with `national` (a Russian number) and the code from the outbox. */
async function setUpTextMessages(page, request, national, e164) {
  await page.getByRole('button', { name: 'Set up text message' }).click();
  await page.getByRole('combobox', { name: 'Country' }).selectOption('RU');
  await page.getByRole('textbox', { name: 'Phone number' }).fill(national);
  const sentAt = Date.now();
  await page.getByRole('button', { name: 'Send code' }).click();
  await page.getByRole('textbox', { name: 'Verification code' }).fill(await smsCode(request, e164, sentAt));
  await expect(row(page, 'Text message (SMS)').getByText('On', { exact: true })).toBeVisible();
}

test('b2core: adding text messages while the authenticator is on takes a current code of it first', async ({ page, request }) => {
  const e164 = '+79994445562';
  const account = await createUser(request, 'b2-second-sms');
  await signIn(page, account);
  await page.getByRole('button', { name: 'Set up authenticator app' }).click();
  await expect(page.getByRole('img', { name: /^QR code/ })).toBeVisible();
  const key = (await page.locator('.key').textContent()).replace(/\s/g, '');
  await page.getByRole('textbox', { name: 'Verification code' }).fill(freshTotp(key, 0));
  await expect(row(page, 'Authenticator app').getByText('On', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Set up text message' }).click();
  await page.getByRole('combobox', { name: 'Country' }).selectOption('RU');
  await page.getByRole('textbox', { name: 'Phone number' }).fill('999 444-55-62');
  const textsBefore = await outboxCount(request, e164);
  await page.getByRole('button', { name: 'Send code' }).click();
  const confirm = page.getByRole('group', { name: "Confirm it's you" });
  await expect(confirm.getByRole('heading', { name: "Confirm it's you" })).toBeFocused();
  // The wizard asks for the authenticator: no text to ask for, no recovery codes in this dialect.
  await expect(confirm.getByRole('button', { name: 'Text me a code' })).toHaveCount(0);
  await expect(confirm.getByRole('button', { name: 'Use a recovery code' })).toHaveCount(0);
  expect(await outboxCount(request, e164), 'nothing texted before the confirmation').toBe(textsBefore);
  await expectAccessible(page);
  const code = confirm.getByRole('textbox', { name: 'Verification code' });
  await code.fill(totp(key) === '000000' ? '111111' : '000000');
  await expect(confirm.getByRole('alert')).toBeVisible();
  await expectAccessible(page);
  const sentAt = Date.now();
  await confirmItsYou(page, { code: freshTotp(key, 1) });
  await expect(page.getByText(/We sent a code to/)).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Verification code' })).toBeFocused();
  await page.getByRole('textbox', { name: 'Verification code' }).fill(await smsCode(request, e164, sentAt));
  await expect(row(page, 'Text message (SMS)').getByText('On', { exact: true })).toBeVisible();
  await expect(row(page, 'Authenticator app').getByText('On', { exact: true })).toBeVisible();
  await expectAccessible(page);
});

test('b2core: adding the authenticator while text messages are on takes a texted code first', async ({ page, request }) => {
  const e164 = '+79994445563';
  const account = await createUser(request, 'b2-second-totp');
  await signIn(page, account);
  await setUpTextMessages(page, request, '999 444-55-63', e164);

  const askedAt = Date.now();
  await page.getByRole('button', { name: 'Set up authenticator app' }).click();
  const confirm = page.getByRole('group', { name: "Confirm it's you" });
  await expect(confirm.getByRole('heading', { name: "Confirm it's you" })).toBeVisible();
  // The server texted the code when it asked: the key is shown only after it.
  await expect(page.getByRole('img', { name: /^QR code/ })).toHaveCount(0);
  await expect(confirm.getByRole('button', { name: 'Text me a code' })).toHaveCount(0);
  await expectAccessible(page);
  await confirmItsYou(page, { code: await smsCode(request, e164, askedAt) });
  await expect(page.getByRole('img', { name: /^QR code/ })).toBeVisible();
  const key = (await page.locator('.key').textContent()).replace(/\s/g, '');
  await page.getByRole('textbox', { name: 'Verification code' }).fill(freshTotp(key, 0));
  await expect(row(page, 'Authenticator app').getByText('On', { exact: true })).toBeVisible();
  await expect(row(page, 'Text message (SMS)').getByText('On', { exact: true })).toBeVisible();
  await expectAccessible(page);
});
