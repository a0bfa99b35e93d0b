// Fault injection over the CG journeys: broken answers, dropped connections, answers that never
// come, session ends and rate limits, at every step. Each time the person must see a plain message
// in an alert, keep what they typed, find nothing stuck busy, and no request may be sent twice.
const { test, expect, signIn, submitPassword, DEMO } = require('./fixtures');
const { createUser, totp } = require('./helpers');
const { FAULTS, intercept, throughEveryFault, expectCalmFailure, countNavigations, routeConfig, json } = require('./network');

const ME = /\/v2\/user\/me$/;
const ENABLE_TOTP = /\/v2\/user\/mfa\/enable\?method=totp/;
const ENABLE_SMS = /\/v2\/user\/mfa\/enable\?method=sms/;
const VERIFY = /\/v2\/user\/mfa\/verify_installation\?/;
const DISABLE = /\/v2\/user\/mfa\/disable\?/;
const LOOKUP = /\/v2\/user\/mfa\/lookup_phone_number\?/;
const DEFAULT_METHOD = /\/v2\/user\/mfa\/default_method\?/;
const RECOVERY_CODES = /\/v2\/user\/mfa\/recovery_codes$/;
const SIGN_IN = /\/auth\/sign_in$/;

const CODES = Array.from({ length: 10 }, (_, i) => `aaaa${i}-bbbb${i}`);

/** A CG /v2/user/me answer with the authenticator app on (and whatever `tfa` changes). */
function fakeMe(tfa = {}) {
  return {
    id: 1,
    email: 'fake@example.com',
    first_name: 'Fake',
    last_name: 'User',
    two_factor_authentication: {
      enabled: true,
      otp_sms_enabled: false,
      otp_totp_enabled: true,
      otp_phone: null,
      otp_default_method: 'totp',
      recovery_codes_left: 10,
      ...tfa,
    },
  };
}

const verificationCode = (page) => page.getByRole('textbox', { name: 'Verification code' });
const button = (page, name) => page.getByRole('button', { name, exact: true });

test('sign-in: every fault keeps the email and password and sends one request per attempt', async ({ page }) => {
  const signInRoute = await intercept(page, SIGN_IN, 'POST');
  await page.goto('/sign-in');
  const email = page.getByRole('textbox', { name: 'Email' });
  const password = page.getByLabel('Password');
  await email.fill(DEMO.email);
  await password.fill(DEMO.password);
  await throughEveryFault(page, signInRoute, '{"token": 42, "otp_session_state": ["x"]}', () => button(page, 'Sign in').click(), [
    [email, DEMO.email],
    [password, DEMO.password],
  ]);
  await button(page, 'Sign in').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Security' })).toBeVisible();
});

test('loading the settings: every fault and a wrong type in every field offer Try again', async ({ page, request }) => {
  const account = await createUser(request, 'faults-me');
  const me = await intercept(page, ME, 'GET');
  me.fault = 'HTTP 500 with an HTML page';
  await submitPassword(page, account);
  await expectCalmFailure(page, FAULTS['HTTP 500 with an HTML page'].message);
  const tryAgain = () => button(page, 'Try again').click();
  await throughEveryFault(page, me, '{"email": 7}', tryAgain);

  const wrongTypes = [
    { email: ['a@b.c'] },
    { first_name: { text: 'Dana' } },
    { last_name: 12 },
    { two_factor_authentication: 'on' },
    { two_factor_authentication: { otp_sms_enabled: 'yes' } },
    { two_factor_authentication: { otp_totp_enabled: 1 } },
    { two_factor_authentication: { otp_phone: 12025550143 } },
    { two_factor_authentication: { otp_default_method: ['sms'] } },
    { two_factor_authentication: { recovery_codes_left: -1 } },
    { two_factor_authentication: { recovery_codes_left: '10' } },
    { two_factor_authentication: { recovery_codes_generated_at: 5 } },
    { two_factor_authentication: { otp_sms_enabled_at: true } },
    { two_factor_authentication: { otp_totp_enabled_at: {} } },
    { two_factor_authentication: { otp_last_used_at: [1] } },
    null,
    'me',
    42,
  ];
  for (const body of wrongTypes) {
    const before = me.count;
    me.fault = (route) => json(route, body);
    await tryAgain();
    await expect.poll(() => me.count).toBe(before + 1);
    await expectCalmFailure(page, /could not understand/);
  }
  me.fault = null;
  await tryAgain();
  await expect(page.getByText('Two-factor authentication is off')).toBeVisible();
});

test('authenticator setup: every fault on the key and on the code, then it still works', async ({ page, request }) => {
  const account = await createUser(request, 'faults-totp');
  await signIn(page, account);
  const enable = await intercept(page, ENABLE_TOTP, 'PUT');
  const verify = await intercept(page, VERIFY, 'PUT');

  // The key: each failure offers Try again.
  enable.fault = 'an aborted connection';
  await button(page, 'Set up authenticator app').click();
  await expectCalmFailure(page, /Could not reach the server/);
  await throughEveryFault(page, enable, '{"otp_secret": 1234, "provisioning_uri": false}', () => button(page, 'Try again').click());
  await button(page, 'Try again').click();
  await expect(page.getByRole('img', { name: /^QR code/ })).toBeVisible();
  const key = (await page.locator('.key').textContent()).replace(/\s/g, '');

  // The code: typed once (sent by itself), then Verify; it stays in the field every time.
  const code = verificationCode(page);
  const typed = totp(key);
  let first = true;
  await throughEveryFault(
    page,
    verify,
    '{"status": "verified", "recovery_codes": "aaaaa-bbbbb"}',
    async () => {
      if (first) await code.fill(typed);
      else await button(page, 'Verify').click();
      first = false;
    },
    [[code, typed]],
  );
  await expect(page.getByRole('img', { name: /^QR code/ })).toBeVisible();
  const now = totp(key);
  if (now === typed) await button(page, 'Verify').click();
  else await code.fill(now);
  await expect(page.getByRole('list', { name: 'Recovery codes' })).toBeVisible();
});

test('text-message setup: every fault on Send code keeps the number', async ({ page, request }) => {
  const account = await createUser(request, 'faults-sms');
  await signIn(page, account);
  const enable = await intercept(page, ENABLE_SMS, 'PUT');
  await button(page, 'Set up text message').click();
  await page.getByRole('combobox', { name: 'Country' }).selectOption('US');
  const phone = page.getByRole('textbox', { name: 'Phone number' });
  await phone.fill('202 555 0143');
  await throughEveryFault(page, enable, '{"status": ["queued"]}', () => button(page, 'Send code').click(), [[phone, '202 555 0143']]);

  // A 429 says how long to wait, in plain words, and keeps the number.
  enable.fault = (route) => json(route, { errors: ['Too many'] }, 429, { 'retry-after': '7' });
  await button(page, 'Send code').click();
  await expectCalmFailure(page, /Too many attempts\. You can try again in 0:0[67]\./, [[phone, '202 555 0143']]);

  enable.fault = null;
  await button(page, 'Send code').click();
  await expect(page.getByText(/We sent a code to/)).toBeVisible();
});

test('turning off and generating recovery codes: every fault, then success', async ({ page }) => {
  await page.route(ME, (route) => json(route, fakeMe()));
  const disable = await intercept(page, DISABLE, 'PUT');
  const generate = await intercept(page, RECOVERY_CODES, 'PUT');
  await signIn(page);

  await button(page, 'Turn off authenticator app').click();
  const code = verificationCode(page);
  let first = true;
  await throughEveryFault(
    page,
    disable,
    '{"status": 0, "method": {"name": "totp"}}',
    async () => {
      if (first) await code.fill('123456');
      else await button(page, 'Turn off').click();
      first = false;
    },
    [[code, '123456']],
  );
  disable.fault = (route) => json(route, { status: 'disabled', method: 'totp' });
  await button(page, 'Turn off').click();
  await expect(page.getByRole('status').filter({ hasText: 'Authenticator app is off.' })).toBeVisible();

  await button(page, 'Generate new recovery codes').click();
  await throughEveryFault(page, generate, '{"recovery_codes": [1, 2, 3]}', () => button(page, 'Generate').click());
  generate.fault = (route) => json(route, { recovery_codes: CODES, generated_at: '2026-11-23T12:00:00Z' });
  await button(page, 'Generate').click();
  await expect(page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')).toHaveCount(10);
});

test('two-factor sign-in: every fault on Verify keeps the code', async ({ page }) => {
  // The password step is answered here with a challenge; the code step goes through the faults.
  const codeStep = { fault: null, wrong: '{"token": ["t"]}', count: 0 };
  let passwordSent = false;
  await page.route(SIGN_IN, (route) => {
    // Firefox over WebDriver BiDi gives an intercepted request no body (postData() is null):
    // there the first request is the password step and the others the code step.
    const body = route.request().postData();
    const passwordStep = body === null ? !passwordSent : !body.includes('otp_attempt');
    if (passwordStep) {
      passwordSent = true;
      return json(route, { otp_session_state: 'state-1', otp_methods: ['totp'], otp_default_method: 'totp' });
    }
    codeStep.count += 1;
    if (typeof codeStep.fault === 'function') return codeStep.fault(route);
    return FAULTS[codeStep.fault].answer(route, codeStep.wrong);
  });
  await submitPassword(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Two-factor authentication' })).toBeVisible();
  const code = verificationCode(page);
  let first = true;
  await throughEveryFault(
    page,
    codeStep,
    codeStep.wrong,
    async () => {
      if (first) await code.fill('654321');
      else await button(page, 'Verify').click();
      first = false;
    },
    [[code, '654321']],
  );
  await page.route(ME, (route) => json(route, fakeMe()));
  codeStep.fault = (route) => json(route, { token: 'token-after-faults' });
  await button(page, 'Verify').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Security' })).toBeVisible();
  expect(codeStep.count).toBe(Object.keys(FAULTS).length + 1);
});

test('an answer that never comes: the time-out fires, says so and offers Try again', async ({ page, request }) => {
  await routeConfig(page, request, { timeout_ms: 1000 });
  const account = await createUser(request, 'faults-hang');
  await signIn(page, account);
  const enable = await intercept(page, ENABLE_TOTP, 'PUT');
  const verify = await intercept(page, VERIFY, 'PUT');

  enable.fault = 'hang';
  await button(page, 'Set up authenticator app').click();
  await expectCalmFailure(page, /took too long to answer/);
  expect(enable.count).toBe(1);
  enable.fault = null;
  await button(page, 'Try again').click();
  await expect(page.getByRole('img', { name: /^QR code/ })).toBeVisible();
  const key = (await page.locator('.key').textContent()).replace(/\s/g, '');

  verify.fault = 'hang';
  const code = verificationCode(page);
  const typed = totp(key);
  await code.fill(typed);
  await expectCalmFailure(page, /took too long to answer/, [[code, typed]]);
  await page.waitForTimeout(300);
  expect(verify.count, 'a mutating call is not retried by itself').toBe(1);
  verify.fault = null;
  await button(page, 'Try again').click();
  await expect(page.getByRole('list', { name: 'Recovery codes' })).toBeVisible();
  expect(verify.count).toBe(2);
});

test('a 401 in the middle of a step returns to sign-in once, with a notice', async ({ page, request }) => {
  await countNavigations(page);
  const account = await createUser(request, 'faults-401');
  await signIn(page, account);
  const verify = await intercept(page, VERIFY, 'PUT');
  await button(page, 'Set up authenticator app').click();
  await expect(page.getByRole('img', { name: /^QR code/ })).toBeVisible();
  await page.evaluate(() => {
    window.__navigations = [];
  });
  verify.fault = (route) => json(route, { errors: ['Token expired'] }, 401);
  await verificationCode(page).fill('123456');
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Your session has ended' })).toHaveCount(1);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => window.__navigations.filter((p) => p === '/sign-in'))).toEqual(['/sign-in']);
  expect(verify.count).toBe(1);
});

test('a 401 from two requests at once returns to sign-in once', async ({ page }) => {
  await countNavigations(page);
  await page.route(ME, (route) => json(route, fakeMe({ otp_sms_enabled: true, otp_phone: '+1 202-555-0143' })));
  const held = [];
  const hold = (route) => {
    held.push(route);
  };
  const save = await intercept(page, DEFAULT_METHOD, 'PUT');
  const list = await intercept(page, RECOVERY_CODES, 'GET');
  save.fault = hold;
  list.fault = hold;
  await signIn(page);
  await page.evaluate(() => {
    window.__navigations = [];
  });
  await page.getByRole('combobox', { name: 'Default method' }).selectOption('sms');
  await button(page, 'View recovery codes').click();
  await expect.poll(() => held.length).toBe(2);
  await Promise.all(held.map((route) => json(route, { errors: ['expired'] }, 401)));
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Your session has ended' })).toHaveCount(1);
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => window.__navigations.filter((p) => p === '/sign-in'))).toEqual(['/sign-in']);
  expect([save.count, list.count]).toEqual([1, 1]);
});

test('429 on a code: Retry-After as seconds, as an HTTP date, absent and absurd', async ({ page, request }) => {
  const account = await createUser(request, 'faults-429');
  await signIn(page, account);
  const verify = await intercept(page, VERIFY, 'PUT');
  const cases = [
    { header: '2', shown: /try again in 0:0[12]\./ },
    { header: () => new Date(Date.now() + 120_000).toUTCString(), shown: /try again in (1:5\d|2:00)\./ },
    { header: null, shown: /try again in 0:(29|30)\./ },
    { header: '99999999999999999999999', shown: /try again in (24:00:00|23:59:5\d)\./ },
    { header: '-5', shown: /try again in 0:(29|30)\./ },
  ];
  for (const [i, c] of cases.entries()) {
    await test.step(`Retry-After ${typeof c.header === 'function' ? 'date' : c.header}`, async () => {
      await button(page, 'Set up authenticator app').click();
      const code = verificationCode(page);
      await expect(code).toBeVisible();
      verify.fault = (route) => {
        const header = typeof c.header === 'function' ? c.header() : c.header;
        return json(route, { errors: ['Too many attempts'] }, 429, header === null ? {} : { 'retry-after': header });
      };
      const before = verify.count;
      const typed = `12345${i}`;
      await code.fill(typed);
      await expectCalmFailure(page, c.shown, [[code, typed]]);
      await expect(button(page, 'Verify')).toBeDisabled();
      expect(verify.count).toBe(before + 1);
      if (i === 0) {
        // The wait ends by itself and the person may try again.
        await expect(page.getByRole('alert')).toContainText('You can try again now.', { timeout: 5_000 });
        await expect(button(page, 'Verify')).toBeEnabled();
      }
      await button(page, 'Cancel').click();
    });
  }
});

test.describe('double submission', () => {
  test('Verify and Send code clicked twice fast send one request each', async ({ page, request }) => {
    const account = await createUser(request, 'double');
    await signIn(page, account);
    const verify = await intercept(page, VERIFY, 'PUT');
    const lookup = await intercept(page, LOOKUP, 'GET');
    const sendSms = await intercept(page, ENABLE_SMS, 'PUT');

    await button(page, 'Set up authenticator app').click();
    verify.delayMs = 500;
    verify.fault = (route) => json(route, { errors: ['Invalid code'] }, 422);
    await verificationCode(page).fill('000000');
    await expectCalmFailure(page, /Invalid code/);
    expect(verify.count).toBe(1);
    await button(page, 'Verify').dblclick();
    await expectCalmFailure(page, /Invalid code/);
    await page.waitForTimeout(600);
    expect(verify.count, 'Verify twice fast: one request').toBe(2);
    await button(page, 'Cancel').click();

    await button(page, 'Set up text message').click();
    await page.getByRole('combobox', { name: 'Country' }).selectOption('US');
    await page.getByRole('textbox', { name: 'Phone number' }).fill('202 555 0143');
    lookup.delayMs = 300;
    sendSms.delayMs = 300;
    await button(page, 'Send code').dblclick();
    await expect(page.getByText(/We sent a code to/)).toBeVisible();
    await page.waitForTimeout(600);
    expect([lookup.count, sendSms.count], 'Send code twice fast: one lookup, one text').toEqual([1, 1]);
  });

  test('Turn off and Generate clicked twice fast send one request each', async ({ page }) => {
    await page.route(ME, (route) => json(route, fakeMe()));
    const disable = await intercept(page, DISABLE, 'PUT');
    const generate = await intercept(page, RECOVERY_CODES, 'PUT');
    await signIn(page);

    await button(page, 'Turn off authenticator app').click();
    disable.delayMs = 500;
    disable.fault = (route) => json(route, { errors: ['Invalid code'] }, 422);
    await verificationCode(page).fill('000000');
    await expectCalmFailure(page, /Invalid code/);
    await button(page, 'Turn off').dblclick();
    await expectCalmFailure(page, /Invalid code/);
    await page.waitForTimeout(600);
    expect(disable.count, 'Turn off twice fast: one request').toBe(2);
    await button(page, 'Cancel').click();

    await button(page, 'Generate new recovery codes').click();
    generate.delayMs = 500;
    generate.fault = (route) => json(route, { recovery_codes: CODES });
    await button(page, 'Generate').dblclick();
    await expect(page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')).toHaveCount(10);
    await page.waitForTimeout(300);
    expect(generate.count, 'Generate twice fast: one request').toBe(1);
  });
});
