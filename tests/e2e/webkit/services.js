// What the WebKit journeys run against: the reference server (as playwright.config.js starts it:
// fresh database, development mode, the release build) and WebKitWebDriver, each on a free port
// of its own and stopped when the journeys end; and the server's development endpoints.
const { spawn } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const net = require('node:net');
const path = require('node:path');

const root = path.resolve(__dirname, '..', '..', '..');
const WAIT_MS = 60_000;

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Polls `url` until it answers (any status), or fails after a minute. */
async function waitForUrl(url, child, name) {
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode}`);
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  throw new Error(`${name} did not answer at ${url}`);
}

function run(command, args, name) {
  const child = spawn(command, args, { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, RUST_LOG: 'warn' } });
  child.on('error', (error) => console.error(`${name}: ${error.message}`));
  return child;
}

async function startServer() {
  const bin = process.env.MFA_SERVER_BIN || path.join(root, 'target', 'debug', 'mfa-server');
  const dist = path.resolve(root, process.env.DIST || 'dist');
  const port = await freePort();
  const dbDir = path.join(root, 'target', 'e2e');
  const db = path.join(dbDir, `webkit-${port}.sqlite3`);
  fs.mkdirSync(dbDir, { recursive: true });
  for (const file of fs.readdirSync(dbDir).filter((f) => f.startsWith(path.basename(db)))) {
    fs.rmSync(path.join(dbDir, file));
  }
  // The journeys come from one address, faster than a person: the per-address limit of the code
  // routes is raised, as for the Playwright suite (the limit itself is tested in server/tests/).
  const args = ['--bind', `127.0.0.1:${port}`, '--db', db, '--static-dir', dist, '--dialect', 'cg', '--dev', '--seed-demo',
    '--per-address-burst', '100000'];
  const child = run(bin, args, 'mfa-server');
  const url = `http://127.0.0.1:${port}`;
  await waitForUrl(`${url}/config.json`, child, 'mfa-server');
  return { url, stop: () => child.kill() };
}

async function startDriver() {
  const port = await freePort();
  const child = run(process.env.WEBKIT_DRIVER || 'WebKitWebDriver', [`--port=${port}`], 'WebKitWebDriver');
  const url = `http://127.0.0.1:${port}`;
  await waitForUrl(`${url}/status`, child, 'WebKitWebDriver');
  return { url, stop: () => child.kill() };
}

/** The server's development endpoints: new accounts and the SMS outbox. */
function devApi(base) {
  let counter = 0;
  return {
    async createUser(prefix) {
      counter += 1;
      const account = {
        email: `${prefix}-${Date.now()}-${counter}@example.com`,
        password: `pw-${crypto.randomBytes(8).toString('hex')}`,
      };
      const response = await fetch(`${base}/__dev/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(account),
      });
      if (response.status !== 201) throw new Error(`creating ${account.email}: ${response.status}`);
      return account;
    },
    /** The newest code texted to `phone` (E.164) after `since` (ms), waiting for it to arrive. */
    async smsCode(phone, since) {
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        const response = await fetch(`${base}/__dev/outbox?phone=${encodeURIComponent(phone)}`);
        const fresh = (await response.json()).find((m) => Date.parse(m.created_at) >= since - 1000);
        if (fresh?.code) return fresh.code;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error(`no text to ${phone}`);
    },
  };
}

module.exports = { startServer, startDriver, devApi };
