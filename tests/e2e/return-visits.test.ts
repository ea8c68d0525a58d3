import { expect, test, type Locator } from '@playwright/test';

/**
 * The return-visit satisfaction page on the demo data: a separate measure from the annual survey (SPEC §5),
 * shown with what it rests on, and the breakdowns adding up to the headline.
 */
test.use({ locale: 'en-US' });

const page3 = '/satisfaction/return-visits?period=this-quarter';

function readInteger(text: string | null): number {
	return Number((text ?? '').replace(/,/g, '').trim());
}

/** Numerator and denominator of the headline table's first row (the satisfaction rate). */
async function readHeadline(section: Locator): Promise<[number, number]> {
	const cells = section.getByRole('table').locator('tbody tr').first().locator('td');
	return [readInteger(await cells.nth(2).textContent()), readInteger(await cells.nth(3).textContent())];
}

/** Satisfied and visits reached in a breakdown table's total row. */
async function readTotals(section: Locator): Promise<[number, number]> {
	const cells = section.getByRole('table').locator('tfoot td');
	return [readInteger(await cells.nth(2).textContent()), readInteger(await cells.nth(3).textContent())];
}

test('shows both return-visit satisfaction figures, apart from the annual survey', async ({ page }) => {
	await page.goto(page3);
	await expect(page.getByRole('heading', { name: 'Return-visit satisfaction', level: 1 })).toBeVisible();
	const note = page.getByTestId('return-visit-note');
	await expect(note).toContainText('It is not the annual satisfaction survey');
	await expect(note).toContainText('never combined');
	await expect(note.getByRole('link', { name: 'Annual satisfaction survey results' })).toHaveAttribute(
		'href',
		'/satisfaction'
	);

	for (const [kind, tileId, name] of [
		['complaints', 'returnVisitSatisfaction', 'Complaint return-visit satisfaction'],
		['repairs', 'repairReturnVisitSatisfaction', 'Repair return-visit satisfaction']
	] as const) {
		const section = page.getByTestId(`return-visit-${kind}`);
		const tile = section.getByTestId(`kpi-${tileId}`);
		await expect(tile.getByRole('heading', { name })).toBeVisible();
		await expect(tile.getByTestId('kpi-value')).toHaveText(/^\d+\.\d%$/);
		await expect(tile.getByText('vs last year')).toBeVisible();
		const [numerator, denominator] = await readHeadline(section.getByTestId(`${kind}-headline-table`));
		expect(denominator, kind).toBeGreaterThan(0);
		// The big number is the table's numerator over its denominator.
		const shown = Number((await tile.getByTestId('kpi-value').textContent())!.replace('%', ''));
		expect(Math.abs(shown - (numerator / denominator) * 100)).toBeLessThanOrEqual(0.05 + 1e-9);
		// The rates beside it that say how many visits it rests on.
		const rows = section.getByTestId(`${kind}-headline-table`).locator('tbody tr');
		await expect(rows.nth(1)).toContainText('Return-visit rate');
		await expect(rows.nth(2)).toContainText('Return visit within 2 days');
	}
	await expect(page.getByTestId('return-visit-trend-chart')).toHaveAttribute('data-ready', 'true');
	await expect(page.getByTestId('return-visit-months-table').locator('tbody tr')).toHaveCount(12);
});

test('the by-area, department and team totals equal the headline figures', async ({ page, request }) => {
	await page.goto(page3);
	const complaints = await readHeadline(page.getByTestId('complaints-headline-table'));
	const repairs = await readHeadline(page.getByTestId('repairs-headline-table'));
	expect(await readTotals(page.getByTestId('complaints-by-area-table'))).toEqual(complaints);
	expect(await readTotals(page.getByTestId('complaints-by-department-table'))).toEqual(complaints);
	expect(await readTotals(page.getByTestId('repairs-by-area-table'))).toEqual(repairs);
	expect(await readTotals(page.getByTestId('repairs-by-team-table'))).toEqual(repairs);

	// The JSON API publishes the same figures for the same URL.
	const response = await request.get('/api/metrics/return-visit-satisfaction?period=this-quarter');
	expect(response.status()).toBe(200);
	const body = await response.json();
	const parts = (figure: { numerator: number; denominator: number }) => [
		figure.numerator,
		figure.denominator
	];
	expect(parts(body.value.complaints.current.satisfaction)).toEqual(complaints);
	expect(parts(body.value.repairs.current.satisfaction)).toEqual(repairs);
});

test('filters live in the URL: one area narrows every figure to it', async ({ page }) => {
	await page.goto(page3);
	const area = (await page
		.getByTestId('repairs-by-area-table')
		.locator('tbody tr td')
		.first()
		.textContent())!;
	const row = page.getByTestId('repairs-by-area-table').locator('tbody tr').first().locator('td');
	const expected = [readInteger(await row.nth(2).textContent()), readInteger(await row.nth(3).textContent())];

	await page.goto(`${page3}&area=${encodeURIComponent(area)}`);
	await expect(page.getByTestId('repairs-by-area-table').locator('tbody tr')).toHaveCount(1);
	expect(await readHeadline(page.getByTestId('repairs-headline-table'))).toEqual(expected);
	await expect(page.getByTestId('complaints-by-area-table').locator('tbody tr td').first()).toHaveText(area);
});
