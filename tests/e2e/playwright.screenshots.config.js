// Makes the README's screenshots from a real journey (not part of the test run):
// scripts/screenshots, which writes docs/screenshots/*.png.
const base = require('./playwright.config.js');

module.exports = {
  ...base,
  testDir: './screenshots',
  projects: [{ name: 'cg', use: base.projects[0].use }],
  webServer: [base.webServer[0]],
};
