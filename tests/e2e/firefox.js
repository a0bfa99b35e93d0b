// How every Playwright run here starts Firefox: Debian's Firefox ESR, driven through WebDriver BiDi
// (Playwright's `moz-firefox` channel; Playwright's own Firefox build cannot be downloaded here).
// @playwright/test is pinned at 1.58.2: 1.65 sends `emulation.setMediaFeaturesOverride`, which
// Firefox ESR 153 does not know, and fails at the first page.
const fs = require('node:fs');
const path = require('node:path');
// The same Firefox, with the same preferences, as the component tests (wasm-bindgen-test-runner
// reads webdriver.json): no connections to Mozilla's services from a closed network.
const firefoxOptions = require('../../webdriver.json')['moz:firefoxOptions'];

// Playwright reports no download events over BiDi: Firefox saves downloads here, where the
// journeys read them (see downloadOf in specs/journeys.spec.js).
const downloadDir = path.resolve(__dirname, '..', '..', 'target', 'e2e', 'firefox-downloads');
fs.mkdirSync(downloadDir, { recursive: true });

module.exports = {
  downloadDir,
  browserName: 'firefox',
  channel: 'moz-firefox',
  launchOptions: {
    executablePath: process.env.FIREFOX_BIN || firefoxOptions.binary,
    firefoxUserPrefs: {
      ...firefoxOptions.prefs,
      // Downloads go to downloadDir without asking, and without the downloads panel, which
      // would take the window's focus from the page.
      'browser.download.folderList': 2,
      'browser.download.dir': downloadDir,
      'browser.download.useDownloadDir': true,
      'browser.download.alwaysOpenPanel': false,
    },
  },
};
