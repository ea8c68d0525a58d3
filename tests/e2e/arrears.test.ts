import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { FeeData } from '../../pipelines/demo/fees.demo.ts';
import { buildDemoDataset } from '../../pipelines/demo/generate-demo.ts';
import { computeDemoArrearsCents } from './demo-arrears.ts';

/**
 * The arrears page on the demo data: the planted long-aged arrears of 科技大厦 (pipelines/demo/PATTERNS.md,
 * pattern 3) lead the > 180-day ranking, the ledger reconciles, and the figures at another as-of day are
 * the ones SPEC §5 gives when worked out here from the generator's own records.
 */
test.use({ locale: 'en-US', acceptDownloads: true });

interface ChartRegion extends HTMLElement {
	courtyardChart: {
		convertToPixel: (value: unknown[], seriesIndex?: number) => number[];
		readSeriesData: (seriesIndex?: number) => unknown[];
	};
}

const latest = '/arrears?asOf=2026-10-31';

let demoFees: FeeData | undefined;
/** The generator's bills and payments (the e2e server's database is loaded from the same files), built once. */
function readDemoFees(): FeeData {
	demoFees ??= buildDemoDataset().fees;
	return demoFees;
}

/** A money figure as shown ("CN¥1,234.50", "-CN¥20.00") in cents. */
function readCents(text: string): number {
	const amount = Number(text.replace(/[^\d.-]/g, ''));
	expect(Number.isFinite(amount), text).toBe(true);
	return Math.round(amount * 100);
}

async function readTotalArrears(page: Page): Promise<number> {
	return readCents(
		(await page.getByTestId('arrears-total').getByTestId('headline-value').textContent()) ?? ''
	);
}

async function readFigure(section: Locator, id: string): Promise<number> {
	return readCents(
		(await section.getByTestId(`reconciliation-${id}`).locator('dd').first().textContent()) ?? ''
	);
}

test('科技大厦 leads the arrears > 180 days; clicking its bar opens its buildings', async ({ page }) => {
	await page.goto(latest);
	await expect(page.getByRole('heading', { name: 'Arrears and collection', level: 1 })).toBeVisible();
	const chart = page.getByTestId('arrears-aging-chart');
	await expect(chart).toHaveAttribute('data-ready', 'true');

	// The drill table sorted by > 180 days, largest first: the planted tower on top with PATTERNS.md's figure.
	const places = page.getByTestId('arrears-places-table');
	await places.getByRole('button', { name: /> 180 days/ }).click();
	await places.getByRole('button', { name: /> 180 days/ }).click();
	const first = places.locator('tbody tr').first();
	await expect(first.locator('td').first()).toHaveText('科技大厦');
	expect(Math.round(readCents((await first.locator('td').nth(2).textContent()) ?? '') / 100)).toBe(1_990_368);

	// The chart ranks the same way; its first bar, the 科技大厦 one, leads to the area's buildings.
	const region = chart.getByRole('img');
	// The chart sits below the fold: a click outside the viewport would land nowhere.
	await region.scrollIntoViewIfNeeded();
	const series = (await region.evaluate((element) =>
		[0, 1, 2, 3, 4].map((index) => (element as ChartRegion).courtyardChart.readSeriesData(index))
	)) as number[][];
	expect(Math.round(series[3][0] + series[4][0])).toBe(1_990_368);
	const before = series.slice(0, 4).reduce((sum, values) => sum + values[0], 0);
	const [x, y] = await region.evaluate(
		(element, at) => (element as ChartRegion).courtyardChart.convertToPixel(at, 4),
		[before + series[4][0] / 2, 0]
	);
	const box = (await region.boundingBox())!;
	await page.mouse.click(box.x + x, box.y + y);
	await expect(page).toHaveURL(/area=/);
	expect(decodeURIComponent(page.url())).toContain('area=科技大厦');
	await expect(page.getByTestId('arrears-places').getByRole('heading')).toHaveText('Arrears by building');
	await expect(places.locator('tbody tr').first().locator('td').first()).toHaveText('主楼');
	// The building's row leads on to its units.
	await places.locator('tbody tr').first().getByRole('link', { name: '主楼' }).click();
	await expect(page.getByTestId('arrears-places').getByRole('heading')).toHaveText('Arrears by unit');
	await expect(places.locator('tbody tr').first().locator('td').first()).toHaveText(/^K-/);
});

test('the reconciliation shows the SPEC invariant holding, with its own numbers', async ({ page }) => {
	await page.goto(latest);
	const panel = page.getByTestId('arrears-reconciliation');
	const invariant = panel.getByTestId('arrears-invariant');
	await expect(invariant).toHaveAttribute('data-holds', 'true');
	await expect(invariant).toContainText('✓');
	const [due, paid, arrears, overpayments] = await Promise.all(
		['due', 'paid', 'arrears', 'overpayments'].map((id) => readFigure(panel, id))
	);
	expect(overpayments).toBeLessThan(0);
	expect(due - paid).toBe(arrears + overpayments);
	expect(await readTotalArrears(page)).toBe(arrears);
});

test('another as-of day gives the arrears SPEC §5 gives from the generator’s records', async ({ page }) => {
	const fees = readDemoFees();
	await page.goto(latest);
	await expect(page.getByTestId('arrears-aging-chart')).toHaveAttribute('data-ready', 'true');
	expect(await readTotalArrears(page)).toBe(computeDemoArrearsCents(fees, '2026-10-31'));

	const asOf = page.getByTestId('filter-form').locator('input[name="asOf"]');
	await asOf.fill('2025-12-31');
	await expect(page).toHaveURL(/asOf=2025-12-31/);
	await expect(page.getByTestId('period')).toContainText('Data as of 12/31/2025');
	const expected = computeDemoArrearsCents(fees, '2025-12-31');
	expect(expected).not.toBe(computeDemoArrearsCents(fees, '2026-10-31'));
	await expect.poll(() => readTotalArrears(page)).toBe(expected);
	await expect(page.getByTestId('arrears-invariant')).toHaveAttribute('data-holds', 'true');
});

test('the follow-up list exports every unit in arrears, with its header', async ({ page }) => {
	await page.goto('/arrears?asOf=2025-12-31');
	const caption = page.getByTestId('arrears-follow-up-table').locator('caption');
	const total = Number(((await caption.textContent()) ?? '').match(/\(([\d,]+)\)/)![1].replace(/,/g, ''));
	expect(total).toBeGreaterThan(25);

	const downloading = page.waitForEvent('download');
	await page.getByTestId('arrears-follow-up-export').click();
	const download = await downloading;
	expect(download.suggestedFilename()).toContain('2025-12-31');
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
	const sheet = workbook.worksheets[0];
	const rows: unknown[][] = [];
	sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
	expect(rows[0]).toEqual([
		'Unit',
		'Area',
		'Building',
		'Outstanding',
		'Months owed',
		'Oldest unpaid period',
		'Last payment',
		'Days since'
	]);
	expect(rows.length - 1).toBe(total);
	expect(new Set(rows.slice(1).map((row) => row[0])).size).toBe(total);
	// No bill falls due on the 31st (they are due on the 15th), so the list holds all of that day's arrears.
	const listed = rows.slice(1).reduce((sum, row) => sum + Math.round((row[3] as number) * 100), 0);
	expect(listed).toBe(computeDemoArrearsCents(readDemoFees(), '2025-12-31'));
});
