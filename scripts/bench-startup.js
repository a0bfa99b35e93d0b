// Start-up benchmark: cold loads of /sign-in from the reference server on loopback, timed from
// navigation start to the moment the "Sign in" button is visible and enabled (the app is mounted,
// config.json is loaded and the form responds), against a plain static HTML page of the same
// content served by a second instance of the same server. Also reads the JS heap and the wasm
// memory after load. Then the same on throttled profiles (a mobile network, a phone, a slow phone),
// where each build is also timed from pressing "Sign in" (the seeded demo account) to the security
// page ready, with the security page's chunk fetched ahead and with it not fetched ahead. Prints a
// Markdown section on stdout; scripts/bench writes it into BENCHMARKS.md.
//
// Usage: node scripts/bench-startup.js <dist dir> <port> [runs] [--profile-runs=N] [variant dist dir...]
//   runs            loads of each page on loopback (default 21)
//   --profile-runs  rounds on each throttled profile (default: half of runs, at least 5); a round
//                   is one load of the static twin and two of each build (chunk fetched ahead, not)
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
const options = process.argv.slice(5).filter((a) => a.startsWith('--'));
const profileRunsOption = options.find((a) => a.startsWith('--profile-runs='));
const profileRuns = profileRunsOption ? Number(profileRunsOption.split('=')[1]) : Math.max(5, Math.round(runs / 2));
const variants = process.argv
  .slice(5)
  .filter((a) => !a.startsWith('--'))
  .map((dir) => path.resolve(dir));
const server = process.env.MFA_SERVER_BIN || path.join(root, 'target', 'debug', 'mfa-server');

// Chromium as the end-to-end suite starts it.
const { executablePath, args } = require(path.join(root, 'tests', 'e2e', 'chromium.js'));

// Runs in every document before its own scripts: records performance.now() (ms since navigation
// start) when the first submit button reading "Sign in" is rendered, enabled and has a box, and
// keeps the wasm instance Trunk's loader announces. Once the benchmark has pressed "Sign in"
// (`__signInAt`, same clock: the app routes to /security in the same document), it also records
// when the security page is ready: its "Two-factor authentication" heading has a box, which the
// page renders once the account's status is loaded.
const probe = () => {
  const ready = () => {
    const b = [...document.querySelectorAll('button')].find((e) => e.textContent.trim() === 'Sign in');
    return b && !b.disabled && b.getBoundingClientRect().height > 0;
  };
  const securityReady = () => {
    const h = [...document.querySelectorAll('h2')].find((e) => e.textContent.trim() === 'Two-factor authentication');
    return h && h.getBoundingClientRect().height > 0;
  };
  const check = () => {
    if (window.__ready === undefined && document.documentElement && ready()) window.__ready = performance.now();
    if (window.__signInAt !== undefined && window.__security === undefined && securityReady()) {
      window.__security = performance.now();
    }
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
async function waitMark(cdp, mark, what) {
  for (let waited = 0; waited < 30_000; waited += 10) {
    const { result } = await cdp.send('Runtime.evaluate', { expression: `window.${mark}`, returnByValue: true });
    if (typeof result.value === 'number') return result.value;
    await new Promise((r) => setTimeout(r, 10));
  }
  const { result } = await cdp.send('Runtime.evaluate', {
    expression: 'document.body ? document.body.innerText.slice(0, 300) : ""',
    returnByValue: true,
  });
  throw new Error(`${what} not within 30 s; the page reads: ${JSON.stringify(result.value)}`);
}
const waitReady = (cdp) => waitMark(cdp, '__ready', 'the sign-in form was');

// Evaluates an expression in the page over CDP (no script of Playwright's in the page).
async function evaluate(cdp, expression) {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, returnByValue: true });
  if (exceptionDetails) throw new Error(`in the page: ${exceptionDetails.exception?.description || exceptionDetails.text}`);
  return result.value;
}

// The throttled profiles: Chromium's per-request network throttling (CDP
// `Network.emulateNetworkConditions`: added round trip, download and upload rates) and, for the
// phones, the renderer's CPU slowed by `Emulation.setCPUThrottlingRate`.
const MOBILE_NETWORK = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 0.75e6 / 8 };
const PROFILES = [
  {
    name: 'mobile network',
    says: '150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up; the CPU not slowed',
    network: MOBILE_NETWORK,
    cpu: 1,
  },
  {
    name: 'phone',
    says: '40 ms round trip, 9 Mbit/s down, 1.5 Mbit/s up; CPU slowed ×4',
    network: { offline: false, latency: 40, downloadThroughput: 9e6 / 8, uploadThroughput: 1.5e6 / 8 },
    cpu: 4,
  },
  {
    name: 'slow phone',
    says: 'the mobile network: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up; CPU slowed ×4',
    network: MOBILE_NETWORK,
    cpu: 4,
  },
];

// How long the page is left alone between the ready form and pressing "Sign in": the app fetches
// the security page's chunk ahead once the browser is idle after the form is ready; on the slow
// phone that download takes about a second. A fixed settle, the same for every build, rather than
// "network idle", which a build without a chunk reaches at once. Each load checks that the chunk
// was received before the press (counted in the report when not).
const SETTLE_MS = 3000;

// A page in a new browser context, with the probe installed: the HTTP cache disabled unless
// `cached`, the network throttled when `network` is given, the CPU slowed by `cpu`.
async function newPage(browser, { cached = false, network = null, cpu = 1 } = {}) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  if (!cached) await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (network) await cdp.send('Network.emulateNetworkConditions', network);
  if (cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
  await page.addInitScript(probe);
  return { context, page, cdp };
}

async function coldLoad(browser, url, withMemory, profile = {}) {
  const { context, page, cdp } = await newPage(browser, profile);
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

// A cold load of a build's /sign-in, then the demo account signed in: ms from navigation start
// to the ready form, and ms from pressing "Sign in" to the security page ready.
//
// `prefetch`: the page is left alone for SETTLE_MS after the form is ready, so the app fetches
// the chunk ahead as it does for a person reading the form; then the form is filled and sent.
// Not `prefetch`: the same, but the chunk never arrives before the press. Its requests (the
// build's chunk files, by name; none for a one-file build) are paused by CDP `Fetch` interception
// at the request stage, before anything is sent, and let go only once "Sign in" is pressed: the
// chunk's bytes then cross the throttled network after the press, while the page runs its own
// code path unchanged (the route awaits the same load the prefetch started). Only those URLs are
// intercepted, so the rest of the load is as in the other case. The download starts at the press
// and overlaps the sign-in request: a visit whose chunk is asked for only when the route opens
// (Sign in pressed before the browser was idle) waits longer by about that request (BENCHMARKS.md).
// The press is a DOM click from `Runtime.evaluate`, timed in the page.
async function signInLoad(browser, contender, profile, prefetch) {
  const { context, page, cdp } = await newPage(browser, profile);
  const held = [];
  let released = false;
  if (!prefetch && contender.chunks.length > 0) {
    cdp.on('Fetch.requestPaused', ({ requestId }) => {
      if (released) cdp.send('Fetch.continueRequest', { requestId }).catch(() => {});
      else held.push(requestId);
    });
    await cdp.send('Fetch.enable', {
      patterns: contender.chunks.map((name) => ({ urlPattern: `*/${name}`, requestStage: 'Request' })),
    });
  }
  await page.goto(contender.url, { waitUntil: 'commit' });
  const ready = await waitReady(cdp);
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  await evaluate(
    cdp,
    `(() => {
      const set = (id, value) => {
        const input = document.getElementById(id);
        input.value = value;
        input.dispatchEvent(new Event('input', { bubbles: true }));
      };
      set('email', 'demo@example.com');
      set('password', 'demo-password');
    })()`,
  );
  const chunksBefore = await evaluate(cdp, chunkEntries(contender.chunks));
  await evaluate(
    cdp,
    `(() => {
      const b = [...document.querySelectorAll('button')].find((e) => e.textContent.trim() === 'Sign in');
      window.__signInAt = performance.now();
      b.click();
    })()`,
  );
  released = true;
  const wasHeld = held.length;
  await Promise.all(held.map((requestId) => cdp.send('Fetch.continueRequest', { requestId })));
  const shown = await waitMark(cdp, '__security', 'the security page was');
  const signInAt = await evaluate(cdp, 'window.__signInAt');
  await context.close();
  // How many of the chunks had been fully received when "Sign in" was pressed: all of them when
  // fetched ahead, none when held (both checked in the report).
  return { ready, security: shown - signInAt, received: chunksBefore.length, held: wasHeld };
}

// The resource timing entries of the named chunks that have been fully received.
function chunkEntries(chunks) {
  return `performance.getEntriesByType('resource')
    .filter((e) => ${JSON.stringify(chunks)}.some((n) => e.name.endsWith('/' + n)) && e.responseEnd > 0)
    .map((e) => ({ name: e.name, start: e.startTime, end: e.responseEnd }))`;
}

// A repeat visit: a first load fills the HTTP cache, then a new visit to the same address in the
// same browser context is timed (index.html and config.json are revalidated, the hashed files come
// from the cache).
async function repeatLoad(browser, url, profile) {
  const { context, page, cdp } = await newPage(browser, { ...profile, cached: true });
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
      chunks: chunkNames(dir),
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

    // The throttled profiles, one after the other. A round: the static twin once, then each build
    // with its chunk fetched ahead, then each build with it held back; the builds take turns
    // being first. Both loads of a build count for its ready time (up to the ready form they are
    // the same load: the held chunk is only asked for once the form is ready and the browser idle).
    // Fewer rounds than on loopback: a round takes 15-30 s on the slow phone.
    const builds = [{ label: 'app', url: appUrl, chunks: chunkNames(dist) }, ...others];
    const profiles = [];
    for (const profile of PROFILES) {
      const result = {
        profile,
        plain: [],
        builds: builds.map((b) => ({ label: b.label, chunks: b.chunks.length, ready: [], ahead: [], cold: [], notAhead: 0, notHeld: 0 })),
        appAgain: [],
        plainAgain: [],
      };
      for (let i = 0; i < profileRuns; i += 1) {
        result.plain.push((await coldLoad(browser, staticUrl, false, profile)).ms);
        const order = builds.map((_, k) => (k + i) % builds.length);
        for (const prefetch of [true, false]) {
          for (const k of order) {
            const r = await signInLoad(browser, builds[k], profile, prefetch);
            const b = result.builds[k];
            b.ready.push(r.ready);
            (prefetch ? b.ahead : b.cold).push(r.security);
            if (prefetch && r.received < b.chunks) b.notAhead += 1;
            if (!prefetch && r.received > 0) b.notHeld += 1;
          }
        }
        // A repeat visit, on the first profile only (where it has been measured before).
        if (profile === PROFILES[0]) {
          result.appAgain.push(await repeatLoad(browser, appUrl, profile));
          result.plainAgain.push(await repeatLoad(browser, staticUrl, profile));
        }
      }
      profiles.push(result);
      if (process.env.BENCH_RAW) fs.writeFileSync(process.env.BENCH_RAW, JSON.stringify(profiles, null, 1));
    }
    const lazy = [];
    for (let i = 0; i < 5; i += 1) lazy.push(await lazyCompilation(browser, appUrl));
    report(app, plain, others, profiles, memories, phases, compileMs, lazy);
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

// The chunks the sign-in page fetches ahead: those the second step and the security page load, as
// the build's chunk loader lists them (a split point's own chunk and the shared ones it depends on;
// `scripts/bench-size` reads them the same way). None for a build without chunks.
function chunkNames(dir) {
  const loader = fs.readdirSync(dir).find((name) => /^__wasm_split-[0-9a-f]+\.js$/.test(name));
  if (!loader) return [];
  const text = fs.readFileSync(path.join(dir, loader), 'utf8');
  const loads = new Map();
  for (const m of text.matchAll(/([\w$]+)=(?:[\w$]+\()+\(\)=>\{const [\w$]+=fetch\(new URL\("\.\/([^"]+\.wasm)"/g)) {
    const deps = /\},\[([\w$,]*)\]/.exec(text.slice(m.index + m[0].length));
    loads.set(m[1], { file: m[2], deps: deps ? deps[1].split(',').filter(Boolean) : [] });
  }
  const files = (name) => {
    if (!loads.has(name)) throw new Error(`${dir}/${loader} has no ${name}`);
    const { file, deps } = loads.get(name);
    return [file, ...deps.flatMap(files)];
  };
  return [...new Set(['second_factor', 'security'].flatMap((split) => files(`__wasm_split_load_${split}`)))];
}

function report(app, plain, others, profiles, memories, phases, compileMs, lazy) {
  const a = stats(app);
  const p = stats(plain);
  const f = (n) => `${n.toFixed(0)} ms`;
  const mb = (n) => (n == null ? 'n/a' : `${(n / 1e6).toFixed(2)} MB`);
  const med = (xs) => stats(xs).median;
  const row = (label, xs, reference = p) => {
    const s = stats(xs);
    return `| ${label} | ${xs.length} | ${f(s.median)} | ${f(s.p10)} – ${f(s.p90)} | ${f(s.min)} – ${f(s.max)} | ${(s.median / reference.median).toFixed(2)}x |`;
  };
  const spread = (xs) => {
    const s = stats(xs);
    return `${f(s.median)} (${f(s.p10)} – ${f(s.p90)})`;
  };
  const lines = [
    `| page | runs | median | p10 – p90 | min – max | / static |`,
    `|---|---:|---:|---:|---:|---:|`,
    row('app, /sign-in', app),
    row('static HTML twin', plain),
    ...others.map((v) => row(v.label, v.times)),
    ``,
    `Ratio of medians (app / static): **${(a.median / p.median).toFixed(2)}x** (target at most 2x).`,
    ``,
    `On throttled profiles (the same pages, alternating): the sign-in form ready, and the time from ` +
      `pressing "Sign in" (the demo account, no second factor) to the security page ready (its ` +
      `"Two-factor authentication" heading shown, the account's status loaded), with the security ` +
      `page's chunk fetched ahead during a ${SETTLE_MS / 1000} s pause after the form is ready, and with ` +
      `it held back until the press (CDP \`Fetch\` interception of the chunk's URL). A build without ` +
      `chunks loads the same way in both cases. Medians, p10 – p90 in brackets.`,
  ];
  for (const r of profiles) {
    const pl = stats(r.plain);
    lines.push(
      ``,
      `**${r.profile.name}** (${r.profile.says}), ${r.plain.length} rounds:`,
      ``,
      `| page | form ready: loads | median (p10 – p90) | / static | Sign in → security page, chunk fetched ahead | chunk not fetched ahead |`,
      `|---|---:|---:|---:|---:|---:|`,
      ...r.builds.map(
        (b) =>
          `| ${b.label === 'app' ? 'app, /sign-in' : b.label} | ${b.ready.length} | ${spread(b.ready)} | ` +
          `${(med(b.ready) / pl.median).toFixed(2)}x | ${spread(b.ahead)} | ${spread(b.cold)} |`,
      ),
      `| static HTML twin | ${r.plain.length} | ${spread(r.plain)} | 1.00x | — | — |`,
    );
    if (r.appAgain.length > 0) {
      lines.push(
        `| app, repeat visit (HTTP cache filled) | ${r.appAgain.length} | ${spread(r.appAgain)} | ` +
          `${(med(r.appAgain) / med(r.plainAgain)).toFixed(2)}x of the twin's repeat visit | — | — |`,
        `| static HTML twin, repeat visit | ${r.plainAgain.length} | ${spread(r.plainAgain)} | 1.00x | — | — |`,
      );
    }
    const odd = r.builds
      .filter((b) => b.notAhead > 0 || b.notHeld > 0)
      .map((b) => `${b.label}: the chunk not yet received at the press in ${b.notAhead} of ${b.ahead.length} "fetched ahead" loads, received before it in ${b.notHeld} of ${b.cold.length} "not fetched ahead" loads`);
    if (odd.length > 0) lines.push(``, `Note: ${odd.join('; ')}.`);
  }
  if (others.length > 0) {
    lines.push(
      ``,
      `The app against each variant (ratio of medians, app / variant; below 1 the app is faster):`,
      ``,
      `| profile | against | form ready | Sign in → security page, fetched ahead | not fetched ahead |`,
      `|---|---|---:|---:|---:|`,
    );
    for (const r of profiles) {
      const [appBuild, ...rest] = r.builds;
      for (const v of rest) {
        const ratio = (key) => (med(appBuild[key]) / med(v[key])).toFixed(2);
        lines.push(`| ${r.profile.name} | ${v.label} | ${ratio('ready')} | ${ratio('ahead')} | ${ratio('cold')} |`);
      }
    }
  }
  lines.push(
    ``,
    `Where the app's time goes (medians of the loopback loads, ms since navigation start): the wasm ` +
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
  );
  console.log(lines.join('\n'));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
