// How every Playwright run here starts Firefox: Debian's Firefox ESR, driven through WebDriver BiDi
// (Playwright's `moz-firefox` channel; Playwright's own Firefox build cannot be downloaded here).
// @playwright/test is pinned at 1.58.2: 1.65 sends `emulation.setMediaFeaturesOverride`, which
// Firefox ESR 153 does not know, and fails at the first page.
const fs = require('node:fs');
const path = require('node:path');

// Playwright reports no download events over BiDi: Firefox saves downloads here, where the
// journeys read them (see downloadOf in specs/journeys.spec.js).
const downloadDir = path.resolve(__dirname, '..', '..', 'target', 'e2e', 'firefox-downloads');
fs.mkdirSync(downloadDir, { recursive: true });

module.exports = {
  downloadDir,
  browserName: 'firefox',
  channel: 'moz-firefox',
  launchOptions: {
    executablePath: process.env.FIREFOX_BIN || '/usr/bin/firefox-esr',
    firefoxUserPrefs: {
      // No connections to Mozilla's services from a closed network.
      'app.update.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
      'network.captive-portal-service.enabled': false,
      'network.connectivity-service.enabled': false,
      'toolkit.telemetry.enabled': false,
      // Downloads go to downloadDir without asking, and without the downloads panel, which
      // would take the window's focus from the page.
      'browser.download.folderList': 2,
      'browser.download.dir': downloadDir,
      'browser.download.useDownloadDir': true,
      'browser.download.alwaysOpenPanel': false,
    },
  },
};
