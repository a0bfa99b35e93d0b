// The core journeys in WebKit (WebKitGTK's MiniBrowser, Debian's webkit2gtk-driver), driven over
// W3C WebDriver with selenium-webdriver: Playwright's own WebKit build cannot be downloaded here.
// Sign in, set up each method, recovery codes shown and saved, sign in with each factor, turn
// both off, and the focus after each page change. Run under a display (`xvfb-run -a`), by
// `npm run webkit` in tests/e2e; it starts the reference server and WebKitWebDriver itself.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { Builder, By, until } = require('selenium-webdriver');
const { totp, freshTotp } = require('../specs/totp');
const { startServer, startDriver, devApi } = require('./services');

const PHONE_NATIONAL = '202 555 0143';
const PHONE_E164 = '+12025550143';
const WAIT = 10_000;

let server;
let webDriver;
let driver;
let dev;

before(async () => {
  server = await startServer();
  dev = devApi(server.url);
  webDriver = await startDriver();
  driver = await new Builder()
    .usingServer(webDriver.url)
    .withCapabilities({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': {
        binary: process.env.MINIBROWSER_BIN || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
        args: ['--automation'],
      },
    })
    .build();
  await driver.manage().setTimeouts({ implicit: 0, script: WAIT });
});

after(async () => {
  if (driver) await driver.quit().catch(() => {});
  webDriver?.stop();
  server?.stop();
});

// ---- finding things as a person does: by their text and their label ----

/** An XPath string literal for `text` (which may hold quotes). */
function literal(text) {
  if (!text.includes("'")) return `'${text}'`;
  return `concat(${text.split("'").map((part) => `'${part}'`).join(`, "'", `)})`;
}

const buttonXPath = (name) => `//button[normalize-space(.)=${literal(name)} and not(ancestor-or-self::*[@hidden])]`;
// A field by its label: a <label for> or a <label> around it (the code field).
const fieldXPath = (label) =>
  `//input[@id=//label[normalize-space(.)=${literal(label)}]/@for] | //label[span[normalize-space(.)=${literal(label)}]]//input`;

async function find(xpath) {
  return driver.wait(until.elementLocated(By.xpath(xpath)), WAIT, `waiting for ${xpath}`);
}

async function click(name) {
  const button = await find(buttonXPath(name));
  await driver.wait(until.elementIsEnabled(button), WAIT, `"${name}" enabled`);
  await button.click();
}

async function type(label, text) {
  const field = await find(fieldXPath(label));
  await driver.wait(until.elementIsEnabled(field), WAIT, `"${label}" enabled`);
  await field.clear();
  await field.sendKeys(text);
}

async function waitForText(text) {
  await driver.wait(
    async () => (await driver.executeScript('return document.body.innerText')).includes(text),
    WAIT,
    `waiting for the text "${text}"`,
  );
}

async function gone(xpath) {
  await driver.wait(async () => (await driver.findElements(By.xpath(xpath))).length === 0, WAIT, `${xpath} gone`);
}

/** The page's h1 has the focus and its name was announced: what a page change must do. */
async function expectPageFocus(name) {
  const h1 = await find(`//h1[normalize-space(.)=${literal(name)}]`);
  const h1Id = await h1.getId();
  await driver.wait(
    async () => (await (await driver.switchTo().activeElement()).getId()) === h1Id,
    WAIT,
    `the focus on the h1 "${name}"`,
  );
  const said = await driver.executeScript(
    "return document.querySelector('[aria-live=assertive]').textContent",
  );
  assert.equal(said, name, 'the new page is announced');
}

// ---- the steps of the journeys ----

async function submitPassword(account) {
  await driver.get(`${server.url}/sign-in`);
  await type('Email', account.email);
  await type('Password', account.password);
  await click('Sign in');
}

async function signIn(account) {
  await submitPassword(account);
  await expectPageFocus('Security');
}

async function signOut() {
  await click('Sign out');
  await expectPageFocus('Sign in');
}

/** Ticks "I have saved my recovery codes" and closes them; returns the codes shown. */
async function saveRecoveryCodes() {
  const list = await find("//ul[@aria-label='Recovery codes']");
  await driver.wait(async () => (await list.findElements(By.css('li'))).length === 10, WAIT, 'ten codes');
  const codes = (await list.findElements(By.css('.code'))).map((code) => code.getText());
  const done = await find(buttonXPath('Done'));
  assert.equal(await done.isEnabled(), false, 'Done waits for the checkbox');
  await (await find("//label[normalize-space(.)='I have saved my recovery codes']//input | //input[@type='checkbox']")).click();
  await driver.wait(until.elementIsEnabled(done), WAIT, 'Done enabled');
  await done.click();
  await gone("//ul[@aria-label='Recovery codes']");
  return Promise.all(codes);
}

/** Sets up the authenticator app from the key shown; returns the key and the recovery codes. */
async function setUpAuthenticator() {
  await click('Set up authenticator app');
  const qr = await find("//img[starts-with(@alt, 'QR code')]");
  // The QR code is drawn in this engine too (an SVG data URI that decodes to 200×200).
  await driver.wait(async () => (await qr.getAttribute('naturalWidth')) === '200', WAIT, 'the QR code drawn');
  const key = (await (await driver.wait(until.elementLocated(By.css('.key')), WAIT)).getText()).replace(/\s/g, '');
  assert.match(key, /^[A-Z2-7]{32}$/);
  await type('Verification code', totp(key));
  const codes = await saveRecoveryCodes();
  await waitForText('Two-factor authentication is on');
  return { key, codes };
}

async function chooseCountry(region) {
  await (await find(`//select[@id=//label[normalize-space(.)='Country']/@for]/option[@value=${literal(region)}]`)).click();
}

test('sign in after a redirect, set up the authenticator app, save the recovery codes, sign in with a code', async () => {
  const account = await dev.createUser('webkit-totp');
  // Signed out, the security page sends to sign-in: its heading takes the focus.
  await driver.get(`${server.url}/security`);
  await expectPageFocus('Sign in');
  await type('Email', account.email);
  await type('Password', account.password);
  await click('Sign in');
  await expectPageFocus('Security');

  const { key } = await setUpAuthenticator();
  await signOut();
  await submitPassword(account);
  await find("//h1[normalize-space(.)='Two-factor authentication']");
  await type('Verification code', freshTotp(key, 1));
  await expectPageFocus('Security');
});

test('text messages: set up after "Confirm it\'s you", sign in by text and with a recovery code, turn both off', async () => {
  const account = await dev.createUser('webkit-sms');
  await signIn(account);
  const { key, codes } = await setUpAuthenticator();

  await click('Set up text message');
  await chooseCountry('US');
  await type('Phone number', PHONE_NATIONAL);
  let since = Date.now();
  await click('Send code');
  // A second method takes a current code of the first: here a recovery code.
  await find("//*[@role='group']//h3[normalize-space(.)=\"Confirm it's you\"]");
  await click('Use a recovery code');
  await type('Recovery code', codes[0]);
  await click('Confirm');
  await waitForText('We sent a code to');
  await type('Verification code', await dev.smsCode(PHONE_E164, since));
  await find(buttonXPath('Turn off text message'));

  // Sign in by text instead of the app (the default).
  await signOut();
  await submitPassword(account);
  since = Date.now();
  await click('Text me a code instead');
  await waitForText('We sent a code to your phone');
  await type('Verification code', await dev.smsCode(PHONE_E164, since));
  await expectPageFocus('Security');

  // Sign in with a recovery code.
  await signOut();
  await submitPassword(account);
  await click('Use a recovery code');
  await type('Recovery code', codes[1]);
  await click('Sign in');
  await expectPageFocus('Security');
  // One code confirmed the text messages, one signed in.
  await waitForText('8 recovery codes are left');

  // Turn off the app (a code of a time step not used yet), then text messages (a texted code).
  await click('Turn off authenticator app');
  await type('Verification code', freshTotp(key, 1));
  await find(buttonXPath('Set up authenticator app'));
  since = Date.now();
  await click('Turn off text message');
  await waitForText('We sent a code to');
  await type('Verification code', await dev.smsCode(PHONE_E164, since));
  await waitForText('Two-factor authentication is off');
});
