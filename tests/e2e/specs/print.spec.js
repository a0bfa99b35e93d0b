// Printing the recovery codes: only the codes, with the issuer, account and date, in a monospace
// font, on exactly one sheet, even when the page on screen is longer than a sheet.
const zlib = require('node:zlib');
const { test, expect, emulateMedia, signIn } = require('./fixtures');
const { createUser, freshTotp, confirmItsYou, setUpAuthenticator } = require('./helpers');

/**
 * Pages in a PDF: its `/Type /Page` objects (not the `/Type /Pages` tree), written as they are
 * (Chromium) or inside compressed object streams (Firefox's PDFs, made by cairo).
 */
function pdfPageCount(pdf) {
  const raw = pdf.toString('latin1');
  const streams = [...raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)].map((m) => {
    try {
      return zlib.inflateSync(Buffer.from(m[1], 'latin1')).toString('latin1');
    } catch {
      return '';
    }
  });
  return [raw, ...streams].reduce((pages, text) => pages + (text.match(/\/Type\s*\/Page(?![a-z])/g) || []).length, 0);
}

test('print: only the recovery codes with issuer, account and date, monospace, on one page', async ({ page, request }) => {
  const account = await createUser(request, 'print');
  await signIn(page, account);
  const key = await setUpAuthenticator(page);

  // The codes on screen, and a step open above them: the page is longer than a sheet.
  await page.getByRole('button', { name: 'View recovery codes' }).click();
  await confirmItsYou(page, { code: freshTotp(key, 1) });
  const list = page.getByRole('list', { name: 'Recovery codes' });
  await expect(list.getByRole('listitem')).toHaveCount(10);
  await page.getByRole('button', { name: 'Set up text message' }).click();
  await expect(page.getByRole('textbox', { name: 'Phone number' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();

  await emulateMedia(page, { media: 'print' });
  await expect(list).toBeVisible();
  await expect(list.getByRole('listitem').first()).toBeVisible();
  const printed = page.locator('.print-area');
  await expect(printed.getByText('Example Bank recovery codes')).toBeVisible();
  await expect(printed.getByText(`Account: ${account.email}`)).toBeVisible();
  await expect(printed.getByText(/^Generated: \d{4}-\d\d-\d\d$/)).toBeVisible();
  const font = await list.locator('.code').first().evaluate((code) => getComputedStyle(code).fontFamily);
  expect(font).toMatch(/monospace/);

  // The header, the other sections and every control are hidden.
  await expect(page.getByRole('banner')).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Security' })).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Two-factor authentication' })).toBeHidden();
  await expect(page.getByRole('heading', { level: 2, name: 'Recovery codes' })).toBeHidden();
  await expect(page.getByRole('textbox', { name: 'Phone number' })).toBeHidden();
  for (const name of ['Copy', 'Download', 'Print', 'Done', 'Sign out']) {
    await expect(page.getByRole('button', { name, exact: true })).toBeHidden();
  }
  const shown = await page.evaluate(() => {
    const visible = (element) => element.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true });
    return {
      // Elements outside the codes that show (their ancestors are only frames).
      outside: [...document.body.querySelectorAll('*')]
        .filter((element) => !element.closest('.print-area') && !element.querySelector('.print-area'))
        .filter(visible)
        .map((element) => element.outerHTML.slice(0, 80)),
      controls: [...document.querySelectorAll('button, input, select, a, [tabindex]')]
        .filter(visible)
        .map((element) => element.outerHTML.slice(0, 80)),
    };
  });
  expect(shown.outside, 'visible outside the codes').toEqual([]);
  expect(shown.controls, 'visible controls').toEqual([]);

  // The browser prints (headless Chromium, and Firefox over BiDi): one page.
  const pdf = await page.pdf();
  expect(pdfPageCount(pdf), 'pages in the printed PDF').toBe(1);
  await emulateMedia(page, { media: 'screen' });
  await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
});
