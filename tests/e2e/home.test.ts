import { expect, test } from '@playwright/test';

test.use({ locale: 'en-US' });

test('the home page shows rows loaded per data kind and the latest batches', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Data loaded' })).toBeVisible();
	const complaints = page.getByTestId('count-complaints');
	await expect(complaints).toBeVisible();
	const count = Number((await complaints.textContent())!.replace(/[^0-9]/g, ''));
	expect(count).toBeGreaterThan(20_000);
	for (const kind of ['units', 'repairs', 'fees', 'payments', 'surveys']) {
		const text = await page.getByTestId(`count-${kind}`).textContent();
		expect(Number(text!.replace(/[^0-9]/g, '')), kind).toBeGreaterThan(0);
	}
	const rows = page.locator('table.batches tbody tr');
	await expect(rows.first()).toBeVisible();
	await expect(page.locator('table.batches')).toContainText('Loaded');
});

test('/health answers 200 with the database status', async ({ request }) => {
	const response = await request.get('/health');
	expect(response.status()).toBe(200);
	const body = await response.json();
	expect(body.status).toBe('ok');
	expect(body.database.batches).toBeGreaterThan(0);
});
