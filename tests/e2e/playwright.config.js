// End-to-end journeys against the release build served by the reference server.
// The server starts on its own port with a fresh SQLite file, in development mode (SMS outbox,
// test accounts) with the demo account seeded, and with a per-address limit the whole suite, sent
// from one address, does not reach (the limit itself is tested in server/tests/).
const path = require('node:path');
const { defineConfig } = require('@playwright/test');
const chromium = require('./chromium');
const { downloadDir, ...firefox } = require('./firefox');

const root = path.resolve(__dirname, '..', '..');
const server = process.env.MFA_SERVER_BIN || path.join(root, 'target', 'debug', 'mfa-server');
const dbDir = path.join(root, 'target', 'e2e');
const port = Number(process.env.E2E_PORT || 8790);
// The release build to serve (scripts/build writes dist/ unless DIST says otherwise).
const dist = path.resolve(root, process.env.DIST || 'dist');

function serverFor(dialect, serverPort) {
  const db = path.join(dbDir, `${dialect}-${serverPort}.sqlite3`);
  return {
    command: `mkdir -p '${dbDir}' && rm -f '${db}'* && '${server}' --bind 127.0.0.1:${serverPort} --db '${db}' --static-dir '${dist}' --dialect ${dialect} --dev --seed-demo --per-address-burst 100000`,
    url: `http://127.0.0.1:${serverPort}/config.json`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: { RUST_LOG: 'warn' },
  };
}

module.exports = defineConfig({
  testDir: './specs',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'off',
    launchOptions: chromium,
  },
  // Chromium (the default above) runs every journey, Firefox every one but the phone-screen
  // repeat (Firefox has no mobile emulation). WebKit runs the core journeys through WebDriver
  // instead (webkit/, `npm run webkit`): Playwright's own WebKit build cannot be had here.
  projects: [
    { name: 'cg', use: { baseURL: `http://127.0.0.1:${port}` }, testIgnore: /b2core/ },
    // The CG journeys again on a small phone screen.
    {
      name: 'cg-360px',
      use: { baseURL: `http://127.0.0.1:${port}`, viewport: { width: 360, height: 780 }, hasTouch: true, isMobile: true },
      testMatch: /journeys\.spec\.js/,
    },
    { name: 'b2core', use: { baseURL: `http://127.0.0.1:${port + 1}` }, testMatch: /b2core.*\.spec\.js/ },
    { name: 'firefox', use: { ...firefox, baseURL: `http://127.0.0.1:${port}` }, testIgnore: /b2core/ },
    { name: 'firefox-b2core', use: { ...firefox, baseURL: `http://127.0.0.1:${port + 1}` }, testMatch: /b2core.*\.spec\.js/ },
  ],
  webServer: [serverFor('cg', port), serverFor('b2core', port + 1)],
});
