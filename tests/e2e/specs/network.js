// Fault injection for the end-to-end suite: routes that answer with what a broken network or a
// broken backend sends, count every request, and checks of what the person sees afterwards.
const { expect, test } = require('@playwright/test');

const HTML_PAGE = (status) =>
  `<!DOCTYPE html><html><head><title>${status}</title></head><body><h1>${status} Bad things</h1>` +
  `<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script></body></html>`;

/** About 5 MB of otherwise valid JSON. */
const HUGE_JSON = `{"status":"verified","padding":"${'x'.repeat(5 * 1024 * 1024)}"}`;
/** JSON nested 10,000 levels deep. */
const DEEP_JSON = `${'{"a":['.repeat(10_000)}1${']}'.repeat(10_000)}`;

/**
 * The faults every step is put through, each with what the person must be told. `wrong` is the
 * step's own answer with the right fields in the wrong types.
 */
const FAULTS = {
  'HTTP 500 with an HTML page': {
    answer: (route) => route.fulfill({ status: 500, contentType: 'text/html', body: HTML_PAGE('500 Internal Server Error') }),
    message: /could not complete the request \(error 500\)/,
  },
  'HTTP 502 with an HTML page': {
    answer: (route) => route.fulfill({ status: 502, contentType: 'text/html', body: HTML_PAGE('502 Bad Gateway') }),
    message: /could not complete the request \(error 502\)/,
  },
  'an aborted connection': {
    answer: (route) => route.abort('connectionreset'),
    message: /Could not reach the server/,
  },
  'truncated JSON': {
    answer: (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"status":"verified","recovery_co' }),
    message: /could not understand/,
  },
  'a 5 MB body': {
    answer: (route) => route.fulfill({ status: 200, contentType: 'application/json', body: HUGE_JSON }),
    message: /could not understand/,
  },
  'JSON nested 10,000 deep': {
    answer: (route) => route.fulfill({ status: 200, contentType: 'application/json', body: DEEP_JSON }),
    message: /could not understand/,
  },
  'wrong types in the fields': {
    answer: (route, wrong) => route.fulfill({ status: 200, contentType: 'application/json', body: wrong }),
    message: /could not understand/,
  },
};

/**
 * Routes `pattern` (requests with `method`, others pass) through a switchable fault. Returns the
 * control: `fault` (a FAULTS key, 'hang', a function (route) => ..., or null to reach the server),
 * `wrong` (the body for 'wrong types'), `count` (requests seen) and `held` (hanging routes).
 */
async function intercept(page, pattern, method = null) {
  const control = { fault: null, wrong: '{}', count: 0, held: [], delayMs: 0 };
  await page.route(pattern, async (route) => {
    if (method && route.request().method() !== method) return route.fallback();
    control.count += 1;
    const fault = control.fault;
    if (control.delayMs) await new Promise((resolve) => setTimeout(resolve, control.delayMs));
    if (fault === 'hang') {
      control.held.push(route);
      return undefined;
    }
    if (typeof fault === 'function') return fault(route);
    if (fault) return FAULTS[fault].answer(route, control.wrong);
    return route.fallback();
  });
  return control;
}

/**
 * What the person must see after a failure: the message in role alert (plain words, no markup),
 * nothing busy, nothing executed from the answer, and each field still holding what was typed.
 */
async function expectCalmFailure(page, message, kept = []) {
  const alert = page.getByRole('alert').filter({ hasText: message });
  await expect(alert).toBeVisible();
  for (const text of await page.getByRole('alert').allTextContents()) {
    expect(text, 'alerts are plain words').not.toMatch(/<|DOCTYPE|padding|\{"/i);
  }
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  for (const [field, value] of kept) await expect(field).toHaveValue(value);
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
}

/**
 * Puts one step through every fault: `attempt` makes the request, `control` counts it. After each
 * the step must fail calmly, keeping `kept`, with exactly one more request: the running count
 * also catches a retry sent behind the person's back after an earlier fault.
 */
async function throughEveryFault(page, control, wrong, attempt, kept = []) {
  control.wrong = wrong;
  let expected = control.count;
  for (const [name, fault] of Object.entries(FAULTS)) {
    await test.step(name, async () => {
      control.fault = name;
      expected += 1;
      await attempt();
      await expect.poll(() => control.count, `${name}: one request`).toBe(expected);
      await expectCalmFailure(page, fault.message, kept);
    });
  }
  await page.waitForTimeout(200);
  expect(control.count, 'no automatic retry').toBe(expected);
  control.fault = null;
}

/** Counts the app's client-side navigations to each path (pushState / replaceState). */
async function countNavigations(page) {
  await page.addInitScript(() => {
    window.__navigations = [];
    for (const name of ['pushState', 'replaceState']) {
      const original = window.history[name].bind(window.history);
      window.history[name] = (state, title, url) => {
        if (url !== undefined && url !== null) window.__navigations.push(new URL(String(url), window.location.href).pathname);
        return original(state, title, url);
      };
    }
  });
}

/** The config.json the server serves, with `changes` applied, served to this page only. */
async function routeConfig(page, request, changes) {
  const served = await (await request.get('/config.json')).json();
  const config = { ...served, ...changes };
  await page.route('**/config.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', headers: { 'cache-control': 'no-store' }, body: JSON.stringify(config) }),
  );
  return config;
}

/** A JSON answer. */
function json(route, body, status = 200, headers = {}) {
  return route.fulfill({ status, contentType: 'application/json', headers, body: JSON.stringify(body) });
}

module.exports = { FAULTS, intercept, throughEveryFault, expectCalmFailure, countNavigations, routeConfig, json };
