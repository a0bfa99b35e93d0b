// Focus across steps: a step that opens takes the focus (its heading, or its first field when it
// asks for something to type), and a step that closes gives it back to the control that opened it
// or to what replaced that control. Without these moves the focus falls to the page's body, so
// each assertion below fails when its move is taken out.
const { test, expect, signIn, submitPassword } = require('./fixtures');
const { createUser, totp, freshTotp, stepOf, totpAfter, smsCode, confirmItsYou, setUpAuthenticator } = require('./helpers');

const PHONE_NATIONAL = '202 555 0143';
const PHONE_E164 = '+12025550143';

function button(page, name) {
  return page.getByRole('button', { name, exact: true });
}

function codeField(page) {
  return page.getByRole('textbox', { name: 'Verification code' });
}

/** Sets up text messages with the code from the outbox, confirmed with the authenticator `code`. */
async function setUpTextMessages(page, request, code) {
  await button(page, 'Set up text message').click();
  await page.getByRole('combobox', { name: 'Country' }).selectOption('US');
  await page.getByRole('textbox', { name: 'Phone number' }).fill(PHONE_NATIONAL);
  const sentAt = Date.now();
  await button(page, 'Send code').click();
  // "Confirm it's you" opens on its heading; once confirmed the code field takes the focus.
  await expect(page.getByRole('heading', { name: "Confirm it's you" })).toBeFocused();
  await confirmItsYou(page, { code });
  await expect(codeField(page)).toBeFocused();
  await codeField(page).fill(await smsCode(request, PHONE_E164, sentAt));
  await expect(button(page, 'Turn off text message')).toBeVisible();
}

test('setup and turn-off steps take the focus when they open and give it back when they close', async ({ page, request }) => {
  const account = await createUser(request, 'focus-steps');
  await signIn(page, account);

  // Authenticator app: the step's heading, then back to its button on Cancel.
  await button(page, 'Set up authenticator app').click();
  await expect(page.getByRole('heading', { name: 'Set up an authenticator app' })).toBeFocused();
  await expect(page.getByRole('img', { name: /^QR code/ })).toBeVisible();
  // The QR code and the key are read before the code is asked for: the heading keeps the focus.
  await expect(page.getByRole('heading', { name: 'Set up an authenticator app' })).toBeFocused();
  await button(page, 'Cancel').click();
  await expect(button(page, 'Set up authenticator app')).toBeFocused();

  // Done: the first method comes with recovery codes, which take the focus; closing them gives it
  // to the section's heading (nothing in that section opened them).
  await button(page, 'Set up authenticator app').click();
  await expect(page.getByRole('img', { name: /^QR code/ })).toBeVisible();
  const key = (await page.locator('.key').textContent()).replace(/\s/g, '');
  await codeField(page).fill(totp(key));
  await expect(page.getByRole('heading', { name: 'Your recovery codes' })).toBeFocused();
  await page.getByRole('checkbox', { name: 'I have saved my recovery codes' }).check();
  await button(page, 'Done').click();
  await expect(page.getByRole('heading', { level: 2, name: 'Recovery codes' })).toBeFocused();

  // Text messages: the step's heading, and its button again on Cancel.
  await button(page, 'Set up text message').click();
  await expect(page.getByRole('heading', { name: 'Set up text messages' })).toBeFocused();
  await button(page, 'Cancel').click();
  await expect(button(page, 'Set up text message')).toBeFocused();

  // Done without recovery codes (not the first method): the row's new button.
  const confirmedStep = stepOf(1);
  await setUpTextMessages(page, request, freshTotp(key, 1));
  await expect(button(page, 'Turn off text message')).toBeFocused();

  // The default method is saved at once and the status reloads: the selector keeps the focus.
  await page.getByRole('combobox', { name: 'Default method' }).selectOption('sms');
  await expect(page.getByRole('status').filter({ hasText: 'Default method saved' })).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Default method' })).toBeFocused();

  // Turning off: the step's heading (its warning is read first), Cancel back to the button, and
  // once off the row's new button.
  await button(page, 'Turn off authenticator app').click();
  await expect(codeField(page)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Turn off authenticator app' })).toBeFocused();
  await button(page, 'Cancel').click();
  await expect(button(page, 'Turn off authenticator app')).toBeFocused();
  await button(page, 'Turn off authenticator app').click();
  await codeField(page).fill(await totpAfter(key, confirmedStep));
  await expect(button(page, 'Set up authenticator app')).toBeFocused();
});

test('text messages: the code field once a code is sent, the number field on "Change number"', async ({ page, request }) => {
  const account = await createUser(request, 'focus-number');
  await signIn(page, account);
  await button(page, 'Set up text message').click();
  await page.getByRole('combobox', { name: 'Country' }).selectOption('US');
  const phone = page.getByRole('textbox', { name: 'Phone number' });
  await phone.fill(PHONE_NATIONAL);
  await button(page, 'Send code').click();
  await expect(codeField(page)).toBeFocused();
  await button(page, 'Change number').click();
  await expect(phone).toBeFocused();
  await expect(phone).toHaveValue(PHONE_NATIONAL);
  await button(page, 'Cancel').click();
  await expect(button(page, 'Set up text message')).toBeFocused();
});

test('recovery codes: the focus goes to the codes and back to the button that opened them', async ({ page, request }) => {
  const account = await createUser(request, 'focus-codes');
  await signIn(page, account);
  const key = await setUpAuthenticator(page);

  // "Confirm it's you" first; Cancel gives the focus back to the button.
  await button(page, 'View recovery codes').click();
  await expect(page.getByRole('heading', { name: "Confirm it's you" })).toBeFocused();
  await button(page, 'Cancel').click();
  await expect(button(page, 'View recovery codes')).toBeFocused();
  await button(page, 'View recovery codes').click();
  await confirmItsYou(page, { code: freshTotp(key, 1) });
  await expect(page.getByRole('heading', { name: 'Your recovery codes' })).toBeFocused();
  const list = page.getByRole('list', { name: 'Recovery codes' });
  const codes = (await list.getByRole('listitem').allTextContents()).map((t) => t.trim());
  await button(page, 'Done').click();
  await expect(button(page, 'View recovery codes')).toBeFocused();

  await button(page, 'Generate new recovery codes').click();
  await expect(page.getByRole('heading', { name: 'Replace your recovery codes?' })).toBeFocused();
  await button(page, 'Cancel').click();
  await expect(button(page, 'Generate new recovery codes')).toBeFocused();

  await button(page, 'Generate new recovery codes').click();
  await button(page, 'Generate').click();
  await confirmItsYou(page, { recoveryCode: codes[0] });
  await expect(page.getByRole('heading', { name: 'Your recovery codes' })).toBeFocused();
  // The gate: Done waits for the checkbox, and closing gives the focus back to "Generate new …".
  await page.getByRole('checkbox', { name: 'I have saved my recovery codes' }).check();
  await button(page, 'Done').click();
  await expect(page.getByRole('list', { name: 'Recovery codes' })).toHaveCount(0);
  await expect(button(page, 'Generate new recovery codes')).toBeFocused();
});

test('sign-in: switching how the second factor comes puts the focus on the field to type in', async ({ page, request }) => {
  const account = await createUser(request, 'focus-sign-in');
  await signIn(page, account);
  const key = await setUpAuthenticator(page);
  await setUpTextMessages(page, request, freshTotp(key, 1));
  await button(page, 'Sign out').click();

  await submitPassword(page, account);
  await expect(page.getByRole('heading', { level: 1, name: 'Two-factor authentication' })).toBeVisible();
  await expect(codeField(page)).toBeFocused();

  // A text instead of the app: the button turns into a disabled "Resend code"; the code field.
  await button(page, 'Text me a code instead').click();
  await expect(page.getByText('We sent a code to your phone')).toBeVisible();
  await expect(codeField(page)).toBeFocused();

  // Back to the app: its button goes away; the code field.
  await button(page, 'Use your authenticator app instead').click();
  await expect(button(page, 'Use your authenticator app instead')).toHaveCount(0);
  await expect(codeField(page)).toBeFocused();

  // A recovery code: its field; and back.
  await button(page, 'Use a recovery code').click();
  await expect(page.getByRole('textbox', { name: 'Recovery code' })).toBeFocused();
  await button(page, 'Use a verification code instead').click();
  await expect(codeField(page)).toBeFocused();

  // Start again: the password step, with the focus on its first field.
  await button(page, 'Use a recovery code').click();
  await button(page, 'Start again').click();
  await expect(page.getByRole('textbox', { name: 'Email' })).toBeFocused();
});

test('a wrong code typed to the end keeps the focus in the code field for the next try', async ({ page, request }) => {
  const account = await createUser(request, 'focus-wrong-code');
  await signIn(page, account);
  await button(page, 'Set up authenticator app').click();
  await expect(page.getByRole('img', { name: /^QR code/ })).toBeVisible();
  const field = codeField(page);
  await field.click();
  // Typed key by key, as a person does: the sixth digit sends the code, and the field is
  // disabled while it is checked.
  await page.keyboard.type('000000');
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(field).toBeEnabled();
  await expect(field).toBeFocused();
});

test('a button disabled while its request runs has the focus again when the request fails', async ({ page }) => {
  await page.goto('/sign-in');
  // An address of its own: wrong passwords are rate limited per address.
  await page.getByRole('textbox', { name: 'Email' }).fill('nobody-focus@example.com');
  await page.getByLabel('Password').fill('wrong-password');
  const signInButton = button(page, 'Sign in');
  await signInButton.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(signInButton).toBeEnabled();
  await expect(signInButton).toBeFocused();
});

/** The page's h1 named `name` has the focus, and the page change was announced with its name. */
async function expectPageChangeTo(page, name) {
  await expect(page.getByRole('heading', { level: 1, name })).toBeFocused();
  await expect(page.locator('[aria-live=assertive]')).toHaveText(name);
}

test('a page change (a redirect, signing in, signing out) puts the focus on the new page\'s heading and says its name', async ({ page, request }) => {
  const account = await createUser(request, 'focus-pages');
  // A page loaded as asked for keeps the browser's own start: nothing is moved or said.
  await page.goto('/sign-in');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).not.toBeFocused();
  await expect(page.locator('[aria-live=assertive]')).toHaveText('');
  // The security page's chunk, fetched once the form is idle, has come: leaving the page while it
  // is under way would abort it, which its loader reports as a console error.
  await page.waitForLoadState('networkidle');

  // Signed out, the security page sends to sign-in.
  await page.goto('/security');
  await expectPageChangeTo(page, 'Sign in');
  // The heading is a place for the focus, not a Tab stop.
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toHaveAttribute('tabindex', '-1');

  await page.getByRole('textbox', { name: 'Email' }).fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await button(page, 'Sign in').click();
  await expectPageChangeTo(page, 'Security');

  await button(page, 'Sign out').click();
  await expectPageChangeTo(page, 'Sign in');

  // With a second factor: its step is part of the sign-in page (the code field has the focus);
  // the security page after it is a page change again.
  await signIn(page, account);
  const key = await setUpAuthenticator(page);
  await button(page, 'Sign out').click();
  await expectPageChangeTo(page, 'Sign in');
  await page.getByRole('textbox', { name: 'Email' }).fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await button(page, 'Sign in').click();
  await expect(codeField(page)).toBeFocused();
  await codeField(page).fill(freshTotp(key, 1));
  await expectPageChangeTo(page, 'Security');
});
