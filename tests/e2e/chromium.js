// How every Playwright run here starts Chromium: Debian's build (Playwright cannot download its
// own), headless as root, and without the background connections a closed network refuses.
module.exports = {
  executablePath: process.env.CHROMIUM_BIN || '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
