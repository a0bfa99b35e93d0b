// Start-up benchmark: cold loads of /sign-in from the reference server on loopback, timed from
// navigation start to the moment the "Sign in" button is visible and enabled (the app is mounted,
// config.json is loaded and the form responds), against a plain static HTML page of the same
// content served by a second instance of the same server. Also reads the JS heap and the wasm
// memory after load. Prints a Markdown section on stdout; scripts/bench writes it into
// BENCHMARKS.md.
//
// Usage: node scripts/bench-startup.js <dist dir> <port> [runs]
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const { chromium } = require(path.join(root, 'tests', 'e2e', 'node_modules', 'playwright-core'));

const dist = path.resolve(process.argv[2] || 'dist');
const port = Number(process.argv[3] || 8811);
const runs = Number(process.argv[4] || 21);
const server = process.env.MFA_SERVER_BIN || path.join(root, 'target', 'debug', 'mfa-server');

// Chromium as the end-to-end suite starts it.
const { executablePath, args } = require(path.join(root, 'tests', 'e2e', 'chromium.js'));

// Runs in every document before its own scripts: records performance.now() (ms since navigation
// start) when the first submit button reading "Sign in" is rendered, enabled and has a box, and
// keeps the wasm instance Trunk's loader announces.
const probe = () => {
  const ready = () => {
    const b = [...document.querySelectorAll('button')].find((e) => e.textContent.trim() === 'Sign in');
    return b && !b.disabled && b.getBoundingClientRect().height > 0;
  };
  const check = () => {
    if (window.__ready === undefined && document.documentElement && ready()) window.__ready = performance.now();
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, attributes: true });
  document.addEventListener('DOMContentLoaded', check);
  addEventListener('TrunkApplicationStarted', (e) => {
    window.__wasm = e.detail && e.detail.wasm;
    window.__started = performance.now();
    check();
  });
};

function startServer(staticDir, serverPort, db) {
  const child = spawn(
    server,
    ['--dev', '--seed-demo', '--static-dir', staticDir, '--bind', `127.0.0.1:${serverPort}`, '--db', db],
    { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, RUST_LOG: 'warn' } },
  );
  return child;
}

async function waitUp(url) {
  for (let i = 0; i < 200; i += 1) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`server at ${url} did not start`);
}

async function coldLoad(browser, url, withMemory) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await page.addInitScript(probe);
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.__ready !== undefined, null, { timeout: 30_000, polling: 50 });
  // Where the time goes: the wasm fully received, and the app's code running (compiled and
  // instantiated), both in ms since navigation start.
  const { ms, phases } = await page.evaluate(() => {
    const wasm = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm'));
    return { ms: window.__ready, phases: wasm ? { wasm: wasm.responseEnd, started: window.__started } : null };
  });
  let memory;
  if (withMemory) {
    await page.waitForTimeout(500);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const wasm = await page.evaluate(() => (window.__wasm && window.__wasm.memory ? window.__wasm.memory.buffer.byteLength : null));
    memory = { heapUsed: heap.usedSize, heapTotal: heap.totalSize, wasm };
  }
  await context.close();
  return { ms, memory, phases };
}

function stats(values) {
  const s = [...values].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.round(p * (s.length - 1)))];
  return { median: q(0.5), p10: q(0.1), p90: q(0.9), min: s[0], max: s[s.length - 1] };
}

async function main() {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mfa-bench-'));
  const appServer = startServer(dist, port, path.join(tmp, 'app.sqlite3'));
  let staticServer;
  let browser;
  try {
    await waitUp(`http://127.0.0.1:${port}/config.json`);
    browser = await chromium.launch({ executablePath, args });

    // The static twin: the sign-in page as the app renders it, scripts removed, same stylesheets.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(probe);
    await page.goto(`http://127.0.0.1:${port}/sign-in`);
    await page.waitForFunction(() => window.__ready !== undefined);
    const html = await page.evaluate(() => {
      const doc = document.documentElement.cloneNode(true);
      doc.querySelectorAll('script, link[rel=modulepreload], link[rel=preload]').forEach((e) => e.remove());
      return `<!doctype html>\n${doc.outerHTML}`;
    });
    // Compiling alone: the module's bytes through WebAssembly.compile in the page, five times.
    const compileMs = await page.evaluate(async () => {
      const url = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.wasm')).name;
      const bytes = await (await fetch(url, { cache: 'no-store' })).arrayBuffer();
      const times = [];
      for (let i = 0; i < 5; i += 1) {
        const t0 = performance.now();
        await WebAssembly.compile(bytes);
        times.push(performance.now() - t0);
      }
      return times;
    });
    await context.close();
    const staticDir = path.join(tmp, 'static');
    fs.mkdirSync(staticDir);
    fs.writeFileSync(path.join(staticDir, 'index.html'), html);
    for (const name of fs.readdirSync(dist)) {
      if (/\.css(\.br|\.gz)?$/.test(name)) fs.copyFileSync(path.join(dist, name), path.join(staticDir, name));
    }
    execBrotli(path.join(staticDir, 'index.html'));
    staticServer = startServer(staticDir, port + 1, path.join(tmp, 'static.sqlite3'));
    await waitUp(`http://127.0.0.1:${port + 1}/`);

    // Warm the server and the browser process once each, then alternate app and static loads
    // so both see the same machine load.
    await coldLoad(browser, `http://127.0.0.1:${port}/sign-in`, false);
    await coldLoad(browser, `http://127.0.0.1:${port + 1}/sign-in`, false);
    const app = [];
    const plain = [];
    const memories = [];
    const phases = [];
    for (let i = 0; i < runs; i += 1) {
      const a = await coldLoad(browser, `http://127.0.0.1:${port}/sign-in`, i < 5);
      app.push(a.ms);
      if (a.phases) phases.push(a.phases);
      if (a.memory) memories.push(a.memory);
      plain.push((await coldLoad(browser, `http://127.0.0.1:${port + 1}/sign-in`, false)).ms);
    }
    report(app, plain, memories, phases, compileMs);
  } finally {
    if (browser) await browser.close();
    appServer.kill();
    if (staticServer) staticServer.kill();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function execBrotli(file) {
  require('node:child_process').execFileSync('brotli', ['-q', '11', '-f', '-k', '-o', `${file}.br`, file]);
}

function report(app, plain, memories, phases, compileMs) {
  const a = stats(app);
  const p = stats(plain);
  const f = (n) => `${n.toFixed(0)} ms`;
  const mb = (n) => (n == null ? 'n/a' : `${(n / 1e6).toFixed(2)} MB`);
  const med = (xs) => stats(xs).median;
  const lines = [
    `| page | runs | median | p10 – p90 | min – max |`,
    `|---|---:|---:|---:|---:|`,
    `| app, /sign-in | ${app.length} | ${f(a.median)} | ${f(a.p10)} – ${f(a.p90)} | ${f(a.min)} – ${f(a.max)} |`,
    `| static HTML twin | ${plain.length} | ${f(p.median)} | ${f(p.p10)} – ${f(p.p90)} | ${f(p.min)} – ${f(p.max)} |`,
    ``,
    `Ratio of medians (app / static): **${(a.median / p.median).toFixed(2)}x** (target at most 2x).`,
    ``,
    `Where the app's time goes (medians of the same loads, ms since navigation start): the wasm ` +
      `fully received at ${f(med(phases.map((x) => x.wasm)))}, the app running (compiled, instantiated, ` +
      `Trunk's start event) at ${f(med(phases.map((x) => x.started)))}, the form ready at ${f(a.median)}. ` +
      `Compiling the wasm alone takes ${f(med(compileMs))} (median of ${compileMs.length} \`WebAssembly.compile\` ` +
      `calls in the page), so most of the time between the bytes and the start is not compiling.`,
    ``,
    `Memory after load (median of ${memories.length} loads, after a forced GC): JS heap used ` +
      `${mb(med(memories.map((m) => m.heapUsed)))} of ${mb(med(memories.map((m) => m.heapTotal)))} allocated; ` +
      `wasm linear memory ${mb(med(memories.map((m) => m.wasm)))}.`,
  ];
  console.log(lines.join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
