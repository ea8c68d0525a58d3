import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { expect, test, type Download, type Locator, type Page } from '@playwright/test';

/**
 * The chart and table machinery on the fixed sample data of /dev/components, in a real browser against the
 * built server: what is drawn, what the table view and the exports contain.
 */
test.use({ locale: 'en-US', acceptDownloads: true });

type SeriesItem = number | { value: number | number[]; row?: string; column?: string } | null;

interface TestHandleElement extends HTMLElement {
	courtyardChart: {
		convertToPixel: (value: unknown[], seriesIndex?: number) => number[];
		readSeriesData: (seriesIndex?: number) => SeriesItem[];
	};
}

async function openDemo(page: Page) {
	await page.goto('/dev/components');
	for (const id of ['heatmap', 'ranking', 'trend', 'histogram', 'share', 'sparkline']) {
		await expect(page.getByTestId(`chart-${id}`)).toHaveAttribute('data-ready', 'true');
	}
}

function readSeriesData(chart: Locator, seriesIndex = 0): Promise<SeriesItem[]> {
	return chart
		.locator('[role=img]')
		.evaluate(
			(element, index) => (element as TestHandleElement).courtyardChart.readSeriesData(index),
			seriesIndex
		);
}

async function readDownload(download: Download): Promise<Buffer> {
	return readFile((await download.path())!);
}

test('every chart draws on a canvas of non-zero size, labelled for screen readers', async ({ page }) => {
	await openDemo(page);
	for (const id of ['heatmap', 'ranking', 'trend', 'histogram', 'share', 'sparkline']) {
		const chart = page.getByTestId(`chart-${id}`);
		const region = chart.getByRole('img');
		await expect(region).toHaveAttribute('aria-label', /.+/);
		const box = await chart.locator('canvas').first().boundingBox();
		expect(box?.width, id).toBeGreaterThan(0);
		expect(box?.height, id).toBeGreaterThan(0);
	}
});

test('"view as table" shows the numbers the chart draws', async ({ page }) => {
	await openDemo(page);
	const heatmap = page.getByTestId('chart-heatmap');
	const drawn = (await readSeriesData(heatmap)).map(
		(item) => ((item as { value: number[] }).value as number[])[2]
	);
	expect(drawn.length).toBe(20);
	await heatmap.getByRole('button', { name: 'View as table' }).click();
	const table = heatmap.getByRole('table', { name: 'Complaints by area and category' });
	await expect(table).toBeVisible();
	await expect(heatmap.locator('canvas')).toHaveCount(0);
	const shown = await table
		.locator('tbody tr')
		.evaluateAll((rows) => rows.map((row) => Number(row.children[2].getAttribute('data-value'))));
	expect(shown).toEqual(drawn);
	await expect(table.locator('th[scope=col]')).toHaveText(['Area', 'Category', 'Complaints', 'Flagged']);

	const ranking = page.getByTestId('chart-ranking');
	const bars = await readSeriesData(ranking);
	await ranking.getByRole('button', { name: 'View as table' }).click();
	const rankingTable = ranking.getByRole('table');
	await expect(rankingTable.locator('tbody td')).toHaveText(bars.map((value) => String(value)));
	await expect(rankingTable.locator('tbody th[scope=row]').first()).toHaveText('翠湖花园 3 栋');

	await ranking.getByRole('button', { name: 'View as chart' }).click();
	await expect(ranking).toHaveAttribute('data-ready', 'true');
	await expect(ranking.locator('canvas').first()).toBeVisible();
});

test('clicking a heatmap cell reports its row and column', async ({ page }) => {
	await openDemo(page);
	const region = page.getByTestId('chart-heatmap').getByRole('img');
	// Column 2 (停车 Parking), row 1 (锦绣江南): the flagged cell.
	const [x, y] = await region.evaluate((element) =>
		(element as TestHandleElement).courtyardChart.convertToPixel([2, 1])
	);
	const box = (await region.boundingBox())!;
	await page.mouse.click(box.x + x, box.y + y);
	const selection = JSON.parse((await page.getByTestId('last-selection').textContent())!);
	expect(selection).toMatchObject({
		name: '锦绣江南|停车 Parking',
		row: '锦绣江南',
		column: '停车 Parking',
		seriesName: 'Complaints'
	});
	expect((selection.value as number[]).slice(0, 2)).toEqual([2, 1]);
});

test('an empty chart says so instead of drawing an empty canvas', async ({ page }) => {
	await openDemo(page);
	await page.getByTestId('toggle-empty').click();
	const heatmap = page.getByTestId('chart-heatmap');
	await expect(heatmap).toContainText('No data for this selection');
	await expect(heatmap.locator('canvas')).toHaveCount(0);
	await page.getByTestId('toggle-empty').click();
	await expect(heatmap).toHaveAttribute('data-ready', 'true');
	await expect(heatmap.locator('canvas').first()).toBeVisible();
});

test('"download PNG" saves a PNG image', async ({ page }) => {
	await openDemo(page);
	const downloading = page.waitForEvent('download');
	await page.getByTestId('chart-ranking').getByRole('button', { name: 'Download PNG' }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toBe('Buildings with the most complaints.png');
	const bytes = await readDownload(download);
	expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	expect(bytes.length).toBeGreaterThan(2000);
});

// ---- DataTable -------------------------------------------------------------------------------------------

const numericColumns: Record<number, 'integer' | 'percent' | 'money'> = {
	4: 'integer',
	5: 'percent',
	6: 'money'
};

async function readVisibleTable(table: Locator) {
	const headers = (await table.locator('thead th').allTextContents()).map((text) =>
		text.replace(/[▲▼↕]/g, '').trim()
	);
	const rows = await table
		.locator('tbody tr')
		.evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent!.trim())));
	const totals = await table
		.locator('tfoot tr')
		.evaluateAll((trs) => trs.map((tr) => [...tr.children].map((cell) => cell.textContent!.trim())));
	return { headers, rows: [...rows, ...totals] };
}

function parseShownNumber(text: string): number | null {
	if (text === '—' || text === '') return null;
	return Number(text.replace(/−/g, '-').replace(/[^0-9.-]/g, ''));
}

/** An exported cell against the cell as shown: figures as numbers, text as shown (formula-like text quoted). */
function expectSameCell(exported: unknown, shown: string, columnIndex: number, where: string) {
	const format = numericColumns[columnIndex];
	const shownNumber = parseShownNumber(shown);
	if (format && shownNumber !== null && !Number.isNaN(shownNumber)) {
		expect(typeof exported, where).toBe('number');
		// The screen rounds (one decimal of a percent, cents); the export keeps the full figure.
		const value = format === 'percent' ? (exported as number) * 100 : (exported as number);
		const tolerance = format === 'percent' ? 0.05 : format === 'money' ? 0.005 : 0;
		expect(Math.abs(value - shownNumber), `${where}: ${exported} vs ${shown}`).toBeLessThanOrEqual(tolerance);
		return;
	}
	const text = shown === '—' ? '' : /^[=+\-@]/.test(shown) ? `'${shown}` : shown;
	expect(exported ?? '', where).toBe(text);
}

function parseCsv(text: string): string[][] {
	const records: string[][] = [];
	let record: string[] = [];
	let field = '';
	let quoted = false;
	for (let index = 0; index < text.length; index++) {
		const char = text[index];
		if (quoted && char === '"' && text[index + 1] === '"') {
			field += '"';
			index++;
		} else if (char === '"') {
			quoted = !quoted;
		} else if (!quoted && char === ',') {
			record.push(field);
			field = '';
		} else if (!quoted && char === '\r' && text[index + 1] === '\n') {
			record.push(field);
			records.push(record);
			record = [];
			field = '';
			index++;
		} else {
			field += char;
		}
	}
	return records;
}

test('the table sorts by a header, pages, and shows totals', async ({ page }) => {
	await openDemo(page);
	const section = page.getByTestId('table-sample');
	const table = section.getByRole('table');
	await expect(table.locator('tbody tr')).toHaveCount(25);
	await expect(section).toContainText('Page 1 of 3');
	await expect(section).toContainText('60 rows');
	await expect(table.locator('tfoot td').first()).toHaveText('合计 Total');

	const countHeader = table.locator('thead th', { hasText: 'Count' });
	await expect(countHeader).toHaveAttribute('aria-sort', 'none');
	await countHeader.getByRole('button').click();
	await expect(countHeader).toHaveAttribute('aria-sort', 'ascending');
	let counts = (await table.locator('tbody tr td:nth-child(5)').allTextContents()).map(parseShownNumber);
	expect(counts[0]).toBe(-19);
	expect(counts).toEqual([...counts].sort((a, b) => a! - b!));
	await countHeader.getByRole('button').click();
	await expect(countHeader).toHaveAttribute('aria-sort', 'descending');
	counts = (await table.locator('tbody tr td:nth-child(5)').allTextContents()).map(parseShownNumber);
	expect(counts).toEqual([...counts].sort((a, b) => b! - a!));

	await section.getByRole('button', { name: 'Next' }).click();
	await expect(section).toContainText('Page 2 of 3');
	await section.getByRole('button', { name: 'Next' }).click();
	await expect(section).toContainText('Page 3 of 3');
	await expect(table.locator('tbody tr')).toHaveCount(10);
	await expect(section.getByRole('button', { name: 'Next' })).toBeDisabled();
});

test('CSV and XLSX exports hold exactly the rows shown', async ({ page }) => {
	await openDemo(page);
	const section = page.getByTestId('table-sample');
	const table = section.getByRole('table');

	// Page 1 in the given order holds the `=1+1` note.
	let shown = await readVisibleTable(table);
	expect(shown.rows.some((row) => row[2] === '=1+1')).toBe(true);
	let downloading = page.waitForEvent('download');
	await section.getByRole('button', { name: /CSV/ }).click();
	let download = await downloading;
	expect(download.suggestedFilename()).toBe('投诉样例 complaints.csv');
	let text = (await readDownload(download)).toString('utf8');
	expect(text.startsWith('\uFEFF')).toBe(true);
	let records = parseCsv(text.slice(1));
	expect(records[0]).toEqual(shown.headers);
	expect(records.length).toBe(shown.rows.length + 1);
	expect(records.some((record) => record[2] === "'=1+1")).toBe(true);
	records
		.slice(1)
		.forEach((record, rowIndex) =>
			record.forEach((cell, columnIndex) =>
				expectSameCell(
					cell === '' ? null : numericColumns[columnIndex] ? Number(cell) : cell,
					shown.rows[rowIndex][columnIndex],
					columnIndex,
					`csv ${rowIndex}:${columnIndex}`
				)
			)
		);

	// Sorted by arrears, descending, second page.
	const arrears = table.locator('thead th', { hasText: 'Arrears' }).getByRole('button');
	await arrears.click();
	await arrears.click();
	await section.getByRole('button', { name: 'Next' }).click();
	await expect(section).toContainText('Page 2 of 3');
	shown = await readVisibleTable(table);
	downloading = page.waitForEvent('download');
	await section.getByRole('button', { name: /CSV/ }).click();
	text = (await readDownload(await downloading)).toString('utf8');
	records = parseCsv(text.slice(1));
	expect(records.slice(1).map((record) => record[0])).toEqual(shown.rows.map((row) => row[0]));

	downloading = page.waitForEvent('download');
	await section.getByRole('button', { name: /XLSX/ }).click();
	download = await downloading;
	expect(download.suggestedFilename()).toBe('投诉样例 complaints.xlsx');
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load((await readDownload(download)) as unknown as ArrayBuffer);
	const sheet = workbook.worksheets[0];
	const lines: unknown[][] = [];
	sheet.eachRow({ includeEmpty: true }, (row) => {
		lines.push(shown.headers.map((_, index) => row.getCell(index + 1).value));
		row.eachCell((cell) => expect(cell.formula).toBeUndefined());
	});
	expect(lines[0]).toEqual(shown.headers);
	expect(lines.length).toBe(shown.rows.length + 1);
	lines
		.slice(1)
		.forEach((line, rowIndex) =>
			line.forEach((cell, columnIndex) =>
				expectSameCell(
					cell,
					shown.rows[rowIndex][columnIndex],
					columnIndex,
					`xlsx ${rowIndex}:${columnIndex}`
				)
			)
		);
	expect(sheet.getRow(1).font?.bold).toBe(true);
});

test('a new option prop redraws the same chart', async ({ page }) => {
	await openDemo(page);
	const ranking = page.getByTestId('chart-ranking');
	const region = ranking.getByRole('img');
	await region.evaluate((element) => element.setAttribute('data-marker', 'kept'));
	expect(await readSeriesData(ranking)).toEqual([41, 33, 27, 19, 12]);
	await page.getByTestId('toggle-ranking').click();
	await expect.poll(() => readSeriesData(ranking)).toEqual([21, 17, 14, 10, 6]);
	await expect(region).toHaveAttribute('data-marker', 'kept');
});

test('in server mode the table shows the page it is given and calls back for sort and page', async ({
	page
}) => {
	await openDemo(page);
	const section = page.getByTestId('table-server');
	const table = section.getByRole('table');
	await expect(section).toContainText('Page 1 of 6');
	await expect(section).toContainText('60 rows');
	await expect(table.locator('tbody tr')).toHaveCount(10);
	const countHeader = table.locator('thead th', { hasText: 'Count' });
	await expect(countHeader).toHaveAttribute('aria-sort', 'descending');
	await section.getByRole('button', { name: 'Next' }).click();
	await expect(section).toContainText('Page 2 of 6');
	await countHeader.getByRole('button').click();
	await expect(countHeader).toHaveAttribute('aria-sort', 'ascending');
	await expect(section).toContainText('Page 1 of 6');
	await expect(table.locator('tbody tr td:nth-child(5)').first()).toHaveText('-19');
});

test('POST /api/export answers a named attachment and refuses bad requests', async ({ request }) => {
	const table = { name: '投诉/明细', columns: [{ key: 'a', label: '区域' }], rows: [{ a: '=1+1' }] };
	const csv = await request.post('/api/export', { data: { format: 'csv', table } });
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-disposition']).toContain(
		`filename*=UTF-8''${encodeURIComponent('投诉_明细.csv')}`
	);
	expect((await csv.body()).toString('utf8')).toBe("\uFEFF区域\r\n'=1+1\r\n");
	const bad = await request.post('/api/export', { data: { format: 'exe', table } });
	expect(bad.status()).toBe(400);
	const notJson = await request.post('/api/export', {
		data: 'not json',
		headers: { 'content-type': 'application/json' }
	});
	expect(notJson.status()).toBe(400);
});
