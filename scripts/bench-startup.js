// Start-up benchmark: cold loads of /sign-in from the reference server on loopback, timed from
// navigation start to the moment the "Sign in" button is visible and enabled (the app is mounted,
// config.json is loaded and the form responds), against a plain static HTML page of the same
// content served by a second instance of the same server. Also reads the JS heap and the wasm
// memory after load. Prints a Markdown section on stdout; scripts/bench writes it into
// BENCHMARKS.md.
//
// Usage: node scripts/bench-startup.js <dist dir> <port> [runs] [variant dist dir...]
// Each variant (another build of the app, for a side-by-side comparison) is served on the ports
// after the static twin's (port + 2, port + 3, ...) and loaded in the same alternation, so all
// see the same machine load.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const { chromium } = require(path.join(root, 'tests', 'e2e', 'node_modules', 'playwright-core'));

const dist = path.resolve(process.argv[2] || 'dist');
const port = Number(process.argv[3] || 8811);
const runs = Number(process.argv[4] || 21);
const variants = process.argv.slice(5).map((dir) => path.resolve(dir));
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

// Polls the probe's mark over CDP. Playwright's waitForFunction would first inject its own
// script into the page, which parses and runs on the main thread for ~40 ms in the middle of the
// load being timed, for the app and the static twin alike.
async function waitReady(cdp) {
  for (let waited = 0; waited < 30_000; waited += 10) {
    const { result } = await cdp.send('Runtime.evaluate', { expression: 'window.__ready', returnByValue: true });
    if (typeof result.value === 'number') return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the page was not ready within 30 s');
}

// A phone on a mobile network, as Lighthouse models one: 150 ms round trip, 1.6 Mbit/s down,
// 750 kbit/s up (Chromium's per-request throttling; the CPU is not slowed).
const MOBILE_NETWORK = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.75e6 / 8 };

// A page in a new browser context, with the probe installed: the HTTP cache disabled unless
// `cached`, and the network throttled when `network` is given.
async function newPage(browser, { cached = false, network = null } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (!cached) await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (network) await cdp.send('Network.emulateNetworkConditions', network);
  await page.addInitScript(probe);
  return { context, page, cdp };
}

async function coldLoad(browser, url, withMemory, network) {
  const { context, page, cdp } = await newPage(browser, { network });
  await page.goto(url, { waitUntil: 'commit' });
  await waitReady(cdp);
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

// A repeat visit: a first load fills the HTTP cache, then a new visit to the same address in the
// same browser context is timed (index.html and config.json are revalidated, the hashed files come
// from the cache).
async function repeatLoad(browser, url, network) {
  const { context, page, cdp } = await newPage(browser, { cached: true, network });
  await page.goto(url, { waitUntil: 'commit' });
  await waitReady(cdp);
  await page.goto('about:blank');
  await page.goto(url, { waitUntil: 'commit' });
  await waitReady(cdp);
  const ms = await page.evaluate(() => window.__ready);
  await context.close();
  return ms;
}

// One more load of the app, traced: V8 only validates the module up front and compiles each
// function on its first call, so this is where the compiling happens.
async function lazyCompilation(browser, url) {
  const { context, page, cdp } = await newPage(browser);
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  await cdp.send('Tracing.start', { categories: 'v8.wasm', transferMode: 'ReportEvents' });
  await page.goto(url, { waitUntil: 'commit' });
  await waitReady(cdp);
  const complete = new Promise((r) => cdp.once('Tracing.tracingComplete', r));
  await cdp.send('Tracing.end');
  await complete;
  await context.close();
  const lazy = events.filter((e) => e.name === 'wasm.CompileLazy');
  return { functions: lazy.length, ms: lazy.reduce((total, e) => total + (e.dur || 0), 0) / 1000 };
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
  const variantServers = [];
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

    const others = variants.map((dir, i) => ({
      label: `variant \`${path.basename(dir)}\``,
      url: `http://127.0.0.1:${port + 2 + i}/sign-in`,
      server: startServer(dir, port + 2 + i, path.join(tmp, `variant-${i}.sqlite3`)),
      times: [],
    }));
    variantServers.push(...others.map((v) => v.server));
    for (const v of others) await waitUp(v.url.replace('/sign-in', '/config.json'));

    // Warm the servers and the browser process once each, then alternate the loads so all see
    // the same machine load.
    const appUrl = `http://127.0.0.1:${port}/sign-in`;
    const staticUrl = `http://127.0.0.1:${port + 1}/sign-in`;
    for (const url of [appUrl, staticUrl, ...others.map((v) => v.url)]) await coldLoad(browser, url, false);
    const app = [];
    const plain = [];
    const memories = [];
    const phases = [];
    for (let i = 0; i < runs; i += 1) {
      const a = await coldLoad(browser, appUrl, i < 5);
      app.push(a.ms);
      if (a.phases) phases.push(a.phases);
      if (a.memory) memories.push(a.memory);
      plain.push((await coldLoad(browser, staticUrl, false)).ms);
      for (const v of others) v.times.push((await coldLoad(browser, v.url, false)).ms);
    }
    // Fewer loads on the mobile network: each takes about a second.
    const mobileRuns = Math.max(5, Math.round(runs / 2));
    const mobile = { app: [], plain: [], others: others.map((v) => ({ ...v, times: [] })), appAgain: [], plainAgain: [] };
    for (let i = 0; i < mobileRuns; i += 1) {
      mobile.app.push((await coldLoad(browser, appUrl, false, MOBILE_NETWORK)).ms);
      mobile.plain.push((await coldLoad(browser, staticUrl, false, MOBILE_NETWORK)).ms);
      for (const v of mobile.others) v.times.push((await coldLoad(browser, v.url, false, MOBILE_NETWORK)).ms);
      mobile.appAgain.push(await repeatLoad(browser, appUrl, MOBILE_NETWORK));
      mobile.plainAgain.push(await repeatLoad(browser, staticUrl, MOBILE_NETWORK));
    }
    const lazy = [];
    for (let i = 0; i < 5; i += 1) lazy.push(await lazyCompilation(browser, appUrl));
    report(app, plain, others, mobile, memories, phases, compileMs, lazy);
  } finally {
    if (browser) await browser.close();
    appServer.kill();
    if (staticServer) staticServer.kill();
    variantServers.forEach((v) => v.kill());
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function execBrotli(file) {
  require('node:child_process').execFileSync('brotli', ['-q', '11', '-f', '-k', '-o', `${file}.br`, file]);
}

function report(app, plain, others, mobile, memories, phases, compileMs, lazy) {
  const a = stats(app);
  const p = stats(plain);
  const f = (n) => `${n.toFixed(0)} ms`;
  const mb = (n) => (n == null ? 'n/a' : `${(n / 1e6).toFixed(2)} MB`);
  const med = (xs) => stats(xs).median;
  const row = (label, xs, reference = p) => {
    const s = stats(xs);
    return `| ${label} | ${xs.length} | ${f(s.median)} | ${f(s.p10)} – ${f(s.p90)} | ${f(s.min)} – ${f(s.max)} | ${(s.median / reference.median).toFixed(2)}x |`;
  };
  const mobilePlain = stats(mobile.plain);
  const lines = [
    `| page | runs | median | p10 – p90 | min – max | / static |`,
    `|---|---:|---:|---:|---:|---:|`,
    row('app, /sign-in', app),
    row('static HTML twin', plain),
    ...others.map((v) => row(v.label, v.times)),
    ``,
    `Ratio of medians (app / static): **${(a.median / p.median).toFixed(2)}x** (target at most 2x).`,
    ``,
    `On a mobile network (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up; the same pages, alternating), ` +
      `where the bytes count more than the CPU; a repeat visit is compared with the static twin's repeat visit:`,
    ``,
    `| page | runs | median | p10 – p90 | min – max | / static |`,
    `|---|---:|---:|---:|---:|---:|`,
    row('app, /sign-in', mobile.app, mobilePlain),
    row('static HTML twin', mobile.plain, mobilePlain),
    ...mobile.others.map((v) => row(v.label, v.times, mobilePlain)),
    row('app, repeat visit (HTTP cache filled)', mobile.appAgain, stats(mobile.plainAgain)),
    row('static HTML twin, repeat visit', mobile.plainAgain, stats(mobile.plainAgain)),
    ``,
    `Where the app's time goes (medians of the same loads, ms since navigation start): the wasm ` +
      `fully received at ${f(med(phases.map((x) => x.wasm)))}, the app running (compiled, instantiated, ` +
      `first render, Trunk's start event) at ${f(med(phases.map((x) => x.started)))}, the form ready at ` +
      `${f(a.median)}. \`WebAssembly.compile\` of the module takes ${f(med(compileMs))} (median of ` +
      `${compileMs.length} calls in the page), because V8 only validates it then and compiles each function ` +
      `on its first call: in ${lazy.length} more loads, traced (\`v8.wasm\` category, tracing slows them), ` +
      `reaching the ready form compiled ${med(lazy.map((l) => l.functions))} functions in ` +
      `${f(med(lazy.map((l) => l.ms)))} (medians).`,
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
