// Hostile strings from the backend are shown as text, never run or rendered as markup: user
// names, phone numbers, error messages, recovery codes, provisioning URIs and B2Core QR fields.
// Under the strict CSP an injected handler would also be refused, which the fixture reports as a
// violation; the checks here also prove the markup never reaches the DOM as elements.
const { test, expect, signIn } = require('./fixtures');
const { createUser } = require('./helpers');
const { json, routeConfig } = require('./network');

const XSS = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>"><svg onload="window.__xss=3">';
const KEY = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

/** Nothing ran and no element came from the planted markup. */
async function expectInert(page) {
  expect(await page.evaluate(() => window.__xss)).toBeUndefined();
  const planted = await page.locator('img[src="x"], [onerror], [onload]').count();
  expect(planted, 'no element made from planted markup').toBe(0);
}

const button = (page, name) => page.getByRole('button', { name, exact: true });

test('CG: names, phones, error messages, recovery codes and URIs are text', async ({ page, request }) => {
  // The reference server stores whatever first name it is given.
  const account = await createUser(request, 'hostile');
  const named = await request.post('/__dev/users', {
    data: { email: `named-${account.email}`, password: account.password, first_name: XSS, last_name: '<b>Bold</b>' },
  });
  expect(named.status()).toBe(201);
  // The phone number comes from the server: plant markup in it (and keep the real name).
  let plantPhone = true;
  await page.route(/\/v2\/user\/me$/, async (route) => {
    const me = await (await route.fetch()).json();
    expect(me.first_name).toBe(XSS);
    if (plantPhone) Object.assign(me.two_factor_authentication, { otp_sms_enabled: true, otp_phone: XSS, recovery_codes_left: 2 });
    return json(route, me);
  });
  await signIn(page, { email: `named-${account.email}`, password: account.password });
  const smsRow = page.getByRole('region', { name: 'Text message (SMS)' });
  await expect(smsRow.getByText(XSS, { exact: true })).toBeVisible();
  await expectInert(page);

  // An error message with markup is shown as those characters.
  await page.route(/\/v2\/user\/mfa\/enable\?method=totp/, (route) =>
    json(route, { otp_secret: KEY, provisioning_uri: 'javascript:window.__xss=4' }),
  );
  await page.route(/\/v2\/user\/mfa\/verify_installation\?/, (route) => json(route, { errors: [XSS] }, 422));
  await button(page, 'Set up authenticator app').click();
  await expect(page.getByRole('link', { name: 'Open in authenticator app' })).toHaveAttribute('href', /^otpauth:\/\/totp\//);
  await page.getByRole('textbox', { name: 'Verification code' }).fill('123456');
  await expect(page.getByRole('alert')).toHaveText(XSS);
  await expectInert(page);
  await button(page, 'Cancel').click();

  // Recovery codes with markup are list items of text.
  await page.route(/\/v2\/user\/mfa\/recovery_codes$/, (route) =>
    json(route, { recovery_codes: [{ code: XSS, used_at: null }, { code: '<i>x</i>', used_at: '<b>' }] }),
  );
  await button(page, 'View recovery codes').click();
  const items = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await expect(items).toHaveCount(2);
  await expect(items.first()).toContainText(XSS);
  await expectInert(page);
  // Closing the codes reloads the status: now without text messages, to set them up.
  plantPhone = false;
  await button(page, 'Done').click();

  // A phone lookup that refuses with markup in its message.
  await page.route(/\/v2\/user\/mfa\/lookup_phone_number\?/, (route) => json(route, { valid: false, message: XSS }));
  await button(page, 'Set up text message').click();
  await page.getByRole('textbox', { name: 'Phone number' }).fill('202 555 0143');
  await button(page, 'Send code').click();
  await expect(page.getByRole('alert')).toHaveText(XSS);
  await expectInert(page);
});

test('B2Core: planted qr fields, phone and messages are never markup; the QR is drawn here', async ({ page, request }) => {
  await routeConfig(page, request, { dialect: 'b2core', api_base: '' });
  await page.route('**/api/v2/signin', (route) => json(route, { token: 'b2core-token' }));
  await page.route('**/api/v2/my/2fa', (route) =>
    json(route, { google: { enabled: false }, sms: { enabled: true, phone: XSS } }),
  );
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" onload="window.__xss=5"><script>window.__xss=6</script></svg>';
  const qrs = [
    XSS,
    `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    'data:text/html,<script>window.__xss=7</script>',
    'javascript:window.__xss=8',
    `data:image/png;base64,x" onerror="window.__xss=9`,
  ];
  let served = 0;
  await page.route('**/api/v2/my/2fa/google/enable/wizard', (route) => {
    const qr = qrs[served % qrs.length];
    served += 1;
    return json(route, { code: 200, data: { qr, key: 'G7NMO7RKZNS3PXQQ' }, done: false, uuid: `u-${served}`, workflow: '2fa_google' });
  });
  await page.route('**/api/v2/my/2fa/wizard', (route) =>
    json(route, { message: XSS, errors: { code: [XSS] } }, 422),
  );
  await signIn(page, { email: 'b2core@example.com', password: 'whatever-password' });
  await expect(page.getByRole('region', { name: 'Text message (SMS)' }).getByText(XSS, { exact: true })).toBeVisible();
  await expectInert(page);

  for (let i = 0; i < qrs.length; i += 1) {
    await button(page, 'Set up authenticator app').click();
    const images = page.locator('img');
    await expect(images).toHaveCount(1);
    // The one image is the QR code drawn by the page, never the server's.
    await expect(images.first()).toHaveAttribute('src', /^data:image\/svg\+xml,%3C/);
    await expect(images.first()).toHaveAttribute('alt', /^QR code/);
    await expectInert(page);
    if (i === 0) {
      await page.getByRole('textbox', { name: 'Verification code' }).fill('123456');
      await expect(page.getByRole('alert')).toHaveText(XSS);
      await expectInert(page);
    }
    await button(page, 'Cancel').click();
  }
  expect(served).toBe(qrs.length);
});

test('the CSP collector catches an injected inline script and an inline handler', async ({ page, problems }) => {
  await page.goto('/sign-in');
  await expect(button(page, 'Sign in')).toBeVisible();
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__xss = 10';
    document.body.append(script);
    document.body.insertAdjacentHTML('beforeend', '<img alt="" src="/no-such-image.png" onerror="window.__xss = 11">');
  });
  await expect
    .poll(() => problems.filter((p) => p.startsWith('CSP violation: script-src')).length, 'violations seen by the fixture')
    .toBeGreaterThanOrEqual(2);
  expect(await page.evaluate(() => window.__xss)).toBeUndefined();
  expect((await page.evaluate(() => window.__cspViolations)).join(' ')).toMatch(/script-src-elem.*script-src-attr|script-src-attr.*script-src-elem/);
  // Provoked on purpose: take them (and Chromium's console lines about them, Firefox's page
  // errors about them) out of the list.
  const expected = (p) =>
    p.startsWith('CSP violation: script-src') ||
    /violates the following Content Security Policy/.test(p) ||
    /^page error: The page’s settings blocked .* \(script-src-(elem|attr)\)/.test(p);
  const rest = problems.filter((p) => !expected(p));
  problems.splice(0, problems.length, ...rest);
});
