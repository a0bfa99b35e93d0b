// Test helpers: fresh accounts, TOTP codes computed from the key shown on the page, and the
// development SMS outbox of the reference server.
const crypto = require('node:crypto');
const { expect } = require('@playwright/test');
const { totp, freshTotp } = require('./totp');

let counter = 0;

/** Creates a fresh account through the development endpoint. */
async function createUser(request, prefix = 'user') {
  counter += 1;
  const account = {
    email: `${prefix}-${Date.now()}-${counter}@example.com`,
    password: `pw-${crypto.randomBytes(8).toString('hex')}`,
  };
  const response = await request.post('/__dev/users', { data: account });
  expect(response.status()).toBe(201);
  return account;
}

/** The time step a code of `freshTotp(key, stepsAhead)` taken now belongs to. */
function stepOf(stepsAhead) {
  return Math.floor(Date.now() / 30_000) + stepsAhead;
}

/**
 * A code of the step after `usedStep` (the last one the server accepted), waiting until the
 * server's window of ±1 step reaches it: a turn-off right after a sign-in needs a new step.
 */
async function totpAfter(key, usedStep) {
  const wait = usedStep * 30_000 - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 500));
  const step = Math.max(usedStep + 1, Math.floor(Date.now() / 30_000));
  return totp(key, step * 30 + 1);
}

/** The newest code texted to `phone` (E.164) after `since` (ms), waiting for it to arrive. */
async function smsCode(request, phone, since = 0) {
  let code;
  await expect
    .poll(async () => {
      const response = await request.get(`/__dev/outbox?phone=${encodeURIComponent(phone)}`);
      const messages = await response.json();
      const fresh = messages.find((m) => Date.parse(m.created_at) >= since - 1000);
      code = fresh && fresh.code;
      return code;
    }, { message: `a text to ${phone}` })
    .toBeTruthy();
  return code;
}

/** Counts the outbox messages to `phone`. */
async function outboxCount(request, phone) {
  const response = await request.get(`/__dev/outbox?phone=${encodeURIComponent(phone)}`);
  return (await response.json()).length;
}

/**
 * Answers "Confirm it's you" (the step-up before a change to the factors) with an authenticator
 * code, or after "Use a recovery code" with a recovery code; the change then goes on by itself.
 */
async function confirmItsYou(page, { code, recoveryCode }) {
  const step = page.getByRole('group', { name: "Confirm it's you" });
  await expect(step.getByRole('heading', { name: "Confirm it's you" })).toBeVisible();
  if (recoveryCode) {
    const use = step.getByRole('button', { name: 'Use a recovery code' });
    if (await use.count()) await use.click();
    await step.getByRole('textbox', { name: 'Recovery code' }).fill(recoveryCode);
    await step.getByRole('button', { name: 'Confirm' }).click();
  } else {
    await step.getByRole('textbox', { name: 'Verification code' }).fill(code);
  }
  await expect(step).toHaveCount(0);
}

/** Sets up the authenticator app and closes the recovery codes that come with it; returns the key. */
async function setUpAuthenticator(page) {
  await page.getByRole('button', { name: 'Set up authenticator app', exact: true }).click();
  await expect(page.getByRole('img', { name: /^QR code/ })).toBeVisible();
  const key = (await page.locator('.key').textContent()).replace(/\s/g, '');
  await page.getByRole('textbox', { name: 'Verification code' }).fill(totp(key));
  await page.getByRole('checkbox', { name: 'I have saved my recovery codes' }).check();
  await page.getByRole('button', { name: 'Done', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Recovery codes' })).toHaveCount(0);
  return key;
}

module.exports = { createUser, totp, freshTotp, stepOf, totpAfter, smsCode, outboxCount, confirmItsYou, setUpAuthenticator };
