// Printing the recovery codes: only the codes, with the issuer, account and date, in a monospace
// font, on exactly one sheet, even when the page on screen is longer than a sheet.
const { test, expect, signIn } = require('./fixtures');
const { createUser, totp, freshTotp, confirmItsYou } = require('./helpers');

/** Pages in a PDF: its `/Type /Page` objects (not the `/Type /Pages` tree). */
function pdfPageCount(pdf) {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g) || []).length;
}

test('print: only the recovery codes with issuer, account and date, monospace, on one page', async ({ page, request }) => {
  const account = await createUser(request, 'print');
  await signIn(page, account);
  await page.getByRole('button', { name: 'Set up authenticator app' }).click();
  await expect(page.getByRole('img', { name: /^QR code/ })).toBeVisible();
  const key = (await page.locator('.key').textContent()).replace(/\s/g, '');
  await page.getByRole('textbox', { name: 'Verification code' }).fill(totp(key));
  await page.getByRole('checkbox', { name: 'I have saved my recovery codes' }).check();
  await page.getByRole('button', { name: 'Done' }).click();

  // The codes on screen, and a step open above them: the page is longer than a sheet.
  await page.getByRole('button', { name: 'View recovery codes' }).click();
  await confirmItsYou(page, { code: freshTotp(key, 1) });
  const list = page.getByRole('list', { name: 'Recovery codes' });
  await expect(list.getByRole('listitem')).toHaveCount(10);
  await page.getByRole('button', { name: 'Set up text message' }).click();
  await expect(page.getByRole('textbox', { name: 'Phone number' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();

  await page.emulateMedia({ media: 'print' });
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

  // Chromium prints (headless): one page.
  const pdf = await page.pdf();
  expect(pdfPageCount(pdf), 'pages in the printed PDF').toBe(1);
  await page.emulateMedia({ media: 'screen' });
  await expect(page.getByRole('button', { name: 'Print' })).toBeVisible();
});
