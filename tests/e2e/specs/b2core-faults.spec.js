// Fault injection over the B2Core authenticator wizard (the server's config.json says "b2core"):
// every broken answer at the wizard's start and at its code step fails calmly, keeps the typed
// code, sends one request per attempt, and the wizard still finishes afterwards. Also a turn-off
// wizard that is over at its first answer.
const { test, expect, signIn } = require('./fixtures');
const { createUser, freshTotp } = require('./helpers');
const { intercept, throughEveryFault, expectCalmFailure, json } = require('./network');

const button = (page, name) => page.getByRole('button', { name, exact: true });

test('b2core: every fault at the start and at the code step of the authenticator wizard', async ({ page, request }) => {
  const account = await createUser(request, 'b2-faults');
  await signIn(page, account);
  const start = await intercept(page, /\/api\/v2\/my\/2fa\/google\/enable\/wizard$/, 'GET');
  const step = await intercept(page, /\/api\/v2\/my\/2fa\/wizard$/, 'POST');

  start.fault = 'an aborted connection';
  await button(page, 'Set up authenticator app').click();
  await expectCalmFailure(page, /Could not reach the server/);
  await throughEveryFault(page, start, '{"code":200,"data":{"key":12345},"done":false,"uuid":7,"workflow":"2fa_google"}', () =>
    button(page, 'Try again').click(),
  );
  await button(page, 'Try again').click();
  await expect(page.getByRole('img', { name: /^QR code/ })).toBeVisible();
  const key = (await page.locator('.key').textContent()).replace(/\s/g, '');

  const code = page.getByRole('textbox', { name: 'Verification code' });
  let first = true;
  await throughEveryFault(
    page,
    step,
    '{"code":"202","data":{},"done":"yes","uuid":["u"],"workflow":5}',
    async () => {
      if (first) await code.fill('123456');
      else await button(page, 'Verify').click();
      first = false;
    },
    [[code, '123456']],
  );
  // A 429 on the code: a countdown, the code kept, Verify waits.
  step.fault = (route) => json(route, { message: 'Too many attempts' }, 429, { 'retry-after': '45' });
  await button(page, 'Verify').click();
  await expectCalmFailure(page, /try again in 0:4[45]\./, [[code, '123456']]);
  await expect(button(page, 'Verify')).toBeDisabled();

  // The same wizard still finishes with a right code once the wait is cleared by a new step.
  step.fault = null;
  await button(page, 'Cancel').click();
  await button(page, 'Set up authenticator app').click();
  const newKey = (await page.locator('.key').textContent()).replace(/\s/g, '');
  expect(newKey).toMatch(/^[A-Z2-7]+$/);
  await code.fill(freshTotp(newKey, 0));
  await expect(page.getByRole('region', { name: 'Authenticator app' }).getByText('On', { exact: true })).toBeVisible();
  expect(key).toBeTruthy();
});

test('b2core: a turn-off wizard that finishes at once asks for no code and says the method is off', async ({ page, request }) => {
  const account = await createUser(request, 'b2-done');
  await signIn(page, account);
  await button(page, 'Set up authenticator app').click();
  const key = (await page.locator('.key').textContent()).replace(/\s/g, '');
  await page.getByRole('textbox', { name: 'Verification code' }).fill(freshTotp(key, 0));
  const row = page.getByRole('region', { name: 'Authenticator app' });
  await expect(row.getByText('On', { exact: true })).toBeVisible();

  const start = await intercept(page, /\/api\/v2\/my\/2fa\/google\/disable\/wizard$/, 'GET');
  start.fault = (route) => json(route, { code: 200, data: {}, done: true, uuid: 'u-1', workflow: 'terminate' });
  await button(page, 'Turn off authenticator app').click();
  await expect(page.getByText('Authenticator app is off.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Verification code' })).toHaveCount(0);
  expect(start.count).toBe(1);
});
