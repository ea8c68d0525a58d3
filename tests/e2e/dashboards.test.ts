import { readFile } from 'node:fs/promises';
import { expect, test, type Locator } from '@playwright/test';

/**
 * The dashboards on the demo data, in a real browser against the built server: the planted patterns
 * (pipelines/demo/PATTERNS.md) must be what a supervisor sees, and every number must lead to its records.
 */
test.use({ locale: 'en-US', acceptDownloads: true });

interface HeatmapItem {
	value: [number, number, number];
	row: string;
	column: string;
}

interface ChartRegion extends HTMLElement {
	courtyardChart: {
		convertToPixel: (value: unknown[], seriesIndex?: number) => number[];
		readSeriesData: (seriesIndex?: number) => unknown[];
	};
}

const plantedQuarter = '/complaints?period=custom&from=2026-08-01&to=2026-10-31';

async function readCaptionCount(table: Locator): Promise<number> {
	const caption = (await table.locator('caption').textContent()) ?? '';
	return Number(caption.match(/\(([\d,]+);/)![1].replace(/,/g, ''));
}

test('the overview shows every headline figure with its deltas and an explain panel', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { name: 'Overview', level: 1 })).toBeVisible();
	const tiles = page.locator('[data-testid^="kpi-"]').filter({ has: page.getByTestId('kpi-value') });
	await expect(tiles).toHaveCount(10);
	const resolved = page.getByTestId('kpi-resolvedOnTime');
	await expect(resolved.getByTestId('kpi-value')).toHaveText(/^\d+\.\d%$/);
	await expect(resolved.getByText('vs last year')).toBeVisible();
	await resolved.getByText('Explain').click();
	await expect(resolved.getByText('Resolved complaints, plus open ones past their deadline')).toBeVisible();
	await expect(resolved.getByTestId('kpi-figures')).toHaveText(/This period: [\d,]+ \/ [\d,]+/);
	// The explain panel names the figure in both languages whatever the UI language.
	await expect(resolved.getByText('处理及时率')).toBeVisible();
});

test('the language switch turns the whole page to Chinese and back', async ({ page }) => {
	await page.goto('/timeliness?period=this-quarter');
	await page.getByTestId('language-switch').selectOption('zh-CN');
	await expect(page.getByRole('heading', { name: '及时率', level: 1 })).toBeVisible();
	await expect(page.getByRole('link', { name: '投诉热点' })).toBeVisible();
	expect(page.url()).toContain('period=this-quarter');
	await page.getByTestId('language-switch').selectOption('en');
	await expect(page.getByRole('heading', { name: 'Timeliness', level: 1 })).toBeVisible();
});

test('the planted lift hotspot leads the list; clicking its heatmap cell filters the page to its records', async ({
	page
}) => {
	await page.goto(plantedQuarter);
	const firstHotspot = page.getByTestId('hotspot-table').locator('tbody tr').first();
	await expect(firstHotspot).toContainText('锦绣江南');
	await expect(firstHotspot).toContainText('Lifts');

	const heatmap = page.getByTestId('complaint-heatmap');
	await expect(heatmap).toHaveAttribute('data-ready', 'true');
	const region = heatmap.getByRole('img');
	const items = (await region.evaluate((element) =>
		(element as ChartRegion).courtyardChart.readSeriesData(0)
	)) as HeatmapItem[];
	const cell = items.find((item) => item.row === '锦绣江南' && item.column === 'Lifts')!;
	expect(cell.value[2]).toBeGreaterThan(20);
	const [x, y] = await region.evaluate(
		(element, at) => (element as ChartRegion).courtyardChart.convertToPixel(at),
		cell.value.slice(0, 2)
	);
	const box = (await region.boundingBox())!;
	await page.mouse.click(box.x + x, box.y + y);

	await expect(page).toHaveURL(/category=lifts/);
	expect(decodeURIComponent(page.url())).toContain('area=锦绣江南');
	await expect(page.getByTestId('active-filters')).toContainText('Areas: 锦绣江南');
	await expect(page.getByTestId('active-filters')).toContainText('Categories: Lifts');
	const records = page.getByTestId('complaint-records').getByRole('table');
	await expect.poll(() => readCaptionCount(records)).toBe(cell.value[2]);
	await expect(page.getByTestId('complaints-summary')).toContainText(`${cell.value[2]} complaints`);
	// Every record on the page is of that cell, with the resident's phone masked.
	for (const row of await records.locator('tbody tr').all()) {
		await expect(row).toContainText('锦绣江南');
		await expect(row).toContainText('Lifts');
	}
	await expect(records.locator('tbody tr').first()).toContainText(/\d{3}\*{4}\d{4}/);
});

test('the department with planted slips ranks worst on resolving complaints on time', async ({ page }) => {
	await page.goto('/timeliness?period=custom&from=2023-11-01&to=2026-10-31');
	const table = page.getByTestId('by-department-table').getByRole('table');
	await expect(table.locator('tbody tr').first().locator('td').first()).toHaveText('工程部');
	await expect(page.getByTestId('sla-settings')).toContainText('within 72 h');
});

test('the drill-down pages and sorts on the server, and its CSV holds exactly the rows shown', async ({
	page
}) => {
	await page.goto(plantedQuarter);
	const section = page.getByTestId('complaint-records');
	const table = section.getByRole('table');
	await section.getByRole('button', { name: 'Next' }).click();
	await expect(page).toHaveURL(/page=2/);
	await section.getByRole('button', { name: /^ID/ }).click();
	await expect(page).toHaveURL(/sort=id/);
	const shownIds = await table.locator('tbody tr td:first-child').allTextContents();
	expect(shownIds.length).toBe(25);
	expect([...shownIds].sort()).toEqual(shownIds.slice().sort());

	const downloading = page.waitForEvent('download');
	await section.getByRole('button', { name: /CSV/ }).click();
	const text = (await readFile((await (await downloading).path())!)).toString('utf8');
	expect(text.startsWith('\uFEFF')).toBe(true);
	const lines = text.slice(1).trim().split(/\r\n/);
	expect(lines[0].split(',')[0]).toBe('ID');
	expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(shownIds);
});

test('filters live in the URL: a choice updates the page, and links to other pages keep it', async ({
	page
}) => {
	await page.goto('/complaints');
	await page.getByTestId('filter-period').selectOption('this-year');
	await expect(page).toHaveURL(/period=this-year/);
	await expect(page.getByTestId('period')).toContainText('01/01/2026 to 12/31/2026');
	await page.getByRole('navigation').getByRole('link', { name: 'Timeliness' }).click();
	await expect(page).toHaveURL(/\/timeliness\?.*period=this-year/);
	await expect(page.getByTestId('period')).toContainText('01/01/2026 to 12/31/2026');
});

test('a bad filter in the URL is a 400 page with the reason, not a crash', async ({ page }) => {
	const response = await page.goto('/complaints?period=fortnight');
	expect(response!.status()).toBe(400);
	await expect(page.getByTestId('error')).toContainText('period');
});
