// The B2Core authenticator-app journey in Russian: the language picked in the header on the sign-in
// page, every text from the Russian catalogue (src/i18n/ru.rs), every API request asking for
// Russian, axe at each step, and the focus following the steps.
const { test, expect, expectAccessible } = require('./fixtures');
const { createUser, freshTotp, stepOf, totpAfter } = require('./helpers');

function button(page, name) {
  return page.getByRole('button', { name, exact: true });
}

/** Signs in with the Russian password form already on screen. */
async function submitPasswordInRussian(page, account) {
  await expect(page.getByRole('heading', { level: 1, name: 'Войти' })).toBeVisible();
  await page.getByRole('textbox', { name: 'Электронная почта' }).fill(account.email);
  await page.getByLabel('Пароль').fill(account.password);
  await button(page, 'Войти').click();
}

test('b2core in Russian: authenticator app on, sign in with it, turn it off', async ({ page, request }) => {
  test.setTimeout(100_000);
  const account = await createUser(request, 'b2-ru');
  await page.goto('/sign-in');
  await page.getByRole('combobox', { name: 'Language' }).selectOption('ru');
  await expect(page.locator('html')).toHaveAttribute('lang', 'ru');
  // From here on, every request to the API asks for Russian.
  const languages = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/')) languages.push(`${r.method()} ${new URL(r.url()).pathname}: ${r.headers()['accept-language']}`);
  });
  await expectAccessible(page);
  await submitPasswordInRussian(page, account);
  await expect(page.getByRole('heading', { level: 1, name: 'Безопасность' })).toBeVisible();
  await expect(page.getByText('Двухфакторная аутентификация выключена')).toBeVisible();
  const row = page.getByRole('region', { name: 'Приложение-аутентификатор' });
  await expect(row.getByText('Выключено', { exact: true })).toBeVisible();
  await expectAccessible(page);

  // Setup: heading, QR code, key, code.
  await button(page, 'Настроить приложение-аутентификатор').click();
  await expect(page.getByRole('heading', { name: 'Настройка приложения-аутентификатора' })).toBeFocused();
  await expect(page.getByRole('img', { name: /^QR-код для добавления/ })).toBeVisible();
  await expect(page.getByText('Отсканируйте этот QR-код приложением-аутентификатором.')).toBeVisible();
  await expect(button(page, 'Копировать ключ')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Открыть в приложении-аутентификаторе' })).toBeVisible();
  const key = (await page.locator('.key').textContent()).replace(/\s/g, '');
  await expectAccessible(page);
  await page.getByRole('textbox', { name: 'Код подтверждения' }).fill(freshTotp(key, 0));
  await expect(row.getByText('Включено', { exact: true })).toBeVisible();
  await expect(page.getByText('Двухфакторная аутентификация включена')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Включено: Приложение-аутентификатор.' })).toBeVisible();
  // No recovery codes in this dialect: the focus goes to the row's new button.
  await expect(button(page, 'Отключить приложение-аутентификатор')).toBeFocused();
  await expectAccessible(page);

  // Sign out and in again with a code from the app.
  await button(page, 'Выйти').click();
  await submitPasswordInRussian(page, account);
  await expect(page.getByRole('heading', { level: 1, name: 'Двухфакторная аутентификация' })).toBeVisible();
  await expect(page.getByText('Введите 6-значный код из приложения-аутентификатора.')).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Код подтверждения' })).toBeFocused();
  await expect(button(page, 'Подтвердить')).toBeVisible();
  await expectAccessible(page);
  const signInStep = stepOf(1);
  await page.getByRole('textbox', { name: 'Код подтверждения' }).fill(freshTotp(key, 1));
  await expect(page.getByRole('heading', { level: 1, name: 'Безопасность' })).toBeVisible();

  // Turn it off with a current code of the app; it is the only method, which is said first.
  await button(page, 'Отключить приложение-аутентификатор').click();
  await expect(page.getByRole('heading', { name: 'Отключение приложения-аутентификатора' })).toBeVisible();
  await expect(page.getByText(/^Это ваш единственный способ двухфакторной аутентификации/)).toBeVisible();
  await expect(page.getByText('Введите текущий код из приложения-аутентификатора, чтобы отключить его.')).toBeVisible();
  await expect(button(page, 'Отключить')).toBeVisible();
  await expect(button(page, 'Отмена')).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('textbox', { name: 'Код подтверждения' }).fill(await totpAfter(key, signInStep));
  await expect(page.getByText('Двухфакторная аутентификация выключена')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Отключено: Приложение-аутентификатор.' })).toBeVisible();
  await expect(button(page, 'Настроить приложение-аутентификатор')).toBeFocused();
  await expectAccessible(page);

  expect(languages.length, 'API requests seen').toBeGreaterThan(5);
  expect(languages.filter((l) => !l.endsWith(': ru')), 'API requests not asking for Russian').toEqual([]);
});
