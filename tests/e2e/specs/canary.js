// The leak canary: secrets seen during a journey (authenticator key, recovery codes, tokens) must
// not be found in any place a page can leave them behind: web storage, IndexedDB, cookies, the
// URL, the history state, or any console message.
const { expect } = require('@playwright/test');

/** Records every token the sign-in endpoints hand to the page. */
function watchTokens(page) {
  const tokens = [];
  page.on('response', async (response) => {
    if (!/\/(auth\/sign_in(_with_recovery_code)?|api\/v2\/signin[^?]*)$/.test(new URL(response.url()).pathname)) return;
    try {
      const body = await response.json();
      if (typeof body.token === 'string' && body.token) tokens.push(body.token);
    } catch {
      // Not JSON: nothing to record.
    }
  });
  return tokens;
}

/** The spellings a secret can take on the page (grouped key, code without its dash). */
function spellings(secrets) {
  return [...new Set(secrets.flatMap((s) => [s, s.replace(/[\s-]/g, ''), s.replace(/(.{4})/g, '$1 ').trim()]))].filter(
    (s) => s.length >= 8,
  );
}

/** Fails when any of `secrets` is found in storage, cookies, URL, history state or `consoleLog`. */
async function expectNoLeaks(page, consoleLog, secrets) {
  const needles = spellings(secrets);
  expect(needles.length, 'the canary has something to look for').toBeGreaterThan(0);
  const places = await page.evaluate(async () => {
    const storage = (s) => JSON.stringify(Object.fromEntries(Object.keys(s).map((k) => [k, s.getItem(k)])));
    const databases = indexedDB.databases ? await indexedDB.databases() : [];
    return {
      localStorage: storage(window.localStorage),
      sessionStorage: storage(window.sessionStorage),
      indexedDB: JSON.stringify(databases.map((d) => d.name)),
      cookie: document.cookie,
      url: window.location.href,
      historyState: JSON.stringify(window.history.state),
      windowName: window.name,
    };
  });
  places.console = consoleLog.join('\n');
  const found = [];
  for (const [place, text] of Object.entries(places)) {
    for (const needle of needles) if (String(text ?? '').includes(needle)) found.push(`${place} holds ${needle.slice(0, 4)}…`);
  }
  expect(found, 'no secret left behind').toEqual([]);
}

/** Fails when any of `secrets` is still in the page's DOM. */
async function expectGoneFromPage(page, secrets) {
  // The document as it stands (not page.content(), which in Firefox over BiDi waits for a
  // navigation Playwright missed: a return from the back/forward cache).
  const html = await page.evaluate(() => document.documentElement.outerHTML);
  const left = spellings(secrets).filter((s) => html.includes(s));
  expect(left.map((s) => `${s.slice(0, 4)}…`), 'secrets dropped from the page').toEqual([]);
}

module.exports = { watchTokens, expectNoLeaks, expectGoneFromPage };
