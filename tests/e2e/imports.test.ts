import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import {
	testArea,
	writeComplaintsWithBadRows,
	writeComplaintsWithOddHeader,
	writeFakeSpreadsheet,
	writeGb18030Complaints,
	writeTitledWorkbook,
	writeUncodedSurvey
} from './import-fixtures.ts';

/** The imports page with real files in a real browser: preview first, nothing loaded until confirmed. */
test.use({ locale: 'en-US', acceptDownloads: true });

async function upload(page: Page, filePath: string) {
	await page.goto('/imports');
	await page.getByTestId('file-input').setInputFiles(filePath);
	const name = filePath.split('/').pop()!;
	const card = page.getByTestId(`upload-${name}`);
	await expect(
		card
			.getByTestId('preview-counts')
			.or(card.getByTestId('already-loaded'))
			.or(card.getByTestId('upload-problem'))
			.or(card.getByTestId('preview-message'))
			.first()
	).toBeVisible({ timeout: 30_000 });
	return card;
}

async function readComplaintVolume(page: Page): Promise<number> {
	await page.goto('/?asOf=2026-10-31');
	const text = await page.getByTestId('kpi-complaintVolume').getByTestId('kpi-value').textContent();
	return Number(text!.replace(/[^\d]/g, ''));
}

async function countBatches(page: Page): Promise<number> {
	await page.goto('/imports');
	return page.getByTestId('import-history').locator('tbody tr').count();
}

test('a GB18030 CSV with Chinese headers is detected, previewed and loaded; the same file again is a no-op', async ({
	page
}) => {
	const file = writeGb18030Complaints('E2E-GB', 4);
	let card = await upload(page, file);
	await expect(card.getByTestId('preview-kind')).toHaveValue('complaints');
	await expect(card.getByTestId('preview-counts')).toContainText('4 new');
	await expect(card.getByTestId('preview-sample')).toContainText(testArea);
	await card.getByTestId('commit').click();
	await expect(card.getByTestId('commit-result')).toContainText('4 new');
	await expect(page.getByTestId('import-history').locator('tbody tr').first()).toContainText('E2E-GB.csv');

	card = await upload(page, file);
	await expect(card.getByTestId('already-loaded')).toContainText('already loaded');
});

test('a workbook with a title row and a totals row: the header row is found and the totals row skipped', async ({
	page
}) => {
	const card = await upload(page, await writeTitledWorkbook('E2E-XL'));
	await expect(card.getByText('Header found on row 2')).toBeVisible();
	await expect(card.getByTestId('preview-counts')).toContainText('3 new');
	await expect(card.getByTestId('preview-counts')).toContainText('1 skipped');
	await card.getByTestId('commit').click();
	await expect(card.getByTestId('commit-result')).toContainText('3 new');
});

test('bad rows are reported with Excel row numbers, the report has an error column, nothing loads until confirmed', async ({
	page
}) => {
	const before = await countBatches(page);
	const card = await upload(page, writeComplaintsWithBadRows('E2E-BAD'));
	const problems = card.getByTestId('preview-problems');
	await expect(problems).toContainText('2026-02-30');
	await expect(problems.locator('tbody tr')).toHaveCount(2);
	await expect(problems.locator('tbody tr').first().locator('td').first()).toHaveText('3');
	await expect(card.getByTestId('commit-partial')).toBeDisabled();

	const downloading = page.waitForEvent('download');
	await card.getByTestId('report-xlsx').click();
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load((await readFile((await (await downloading).path())!)) as unknown as ArrayBuffer);
	const sheet = workbook.worksheets[0];
	const header = Array.from(sheet.getRow(1).values as unknown[], (cell) => String(cell ?? ''));
	const errorColumn = header.findIndex((cell) => cell.includes('error'));
	expect(errorColumn).toBeGreaterThan(0);
	expect(String(sheet.getRow(3).getCell(errorColumn).value ?? '')).not.toBe('');
	expect(String(sheet.getRow(2).getCell(errorColumn).value ?? '')).toBe('');
	expect(await countBatches(page)).toBe(before);

	const again = await upload(page, writeComplaintsWithBadRows('E2E-BAD'));
	await again.getByTestId('confirm-partial').check();
	await again.getByTestId('commit-partial').click();
	await expect(again.getByTestId('commit-result')).toContainText('2 new');
	await expect(again.getByTestId('commit-result')).toContainText('2 rejected');
});

test('a hand-corrected mapping is remembered for the next file with the same header', async ({ page }) => {
	const card = await upload(page, writeComplaintsWithOddHeader('E2E-MAP1'));
	await expect(card.getByTestId('missing-required')).toBeVisible();
	await card.getByTestId('mapping').getByLabel('问题归类').selectOption('category');
	await card.getByTestId('apply-mapping').click();
	await expect(card.getByTestId('missing-required')).toHaveCount(0);
	await card.getByTestId('commit').click();
	await expect(card.getByTestId('commit-result')).toContainText('2 new');

	const next = await upload(page, writeComplaintsWithOddHeader('E2E-MAP2'));
	await expect(next.getByTestId('missing-required')).toHaveCount(0);
	await expect(next.getByTestId('preview-counts')).toContainText('2 new');
});

test('rolling back a batch puts the overview figure back', async ({ page }) => {
	const before = await readComplaintVolume(page);
	const card = await upload(page, writeGb18030Complaints('E2E-RB', 5));
	await card.getByTestId('commit').click();
	await expect(card.getByTestId('commit-result')).toContainText('5 new');
	expect(await readComplaintVolume(page)).toBe(before + 5);

	await page.goto('/imports');
	page.once('dialog', (dialog) => dialog.accept());
	const row = page.getByTestId('import-history').locator('tbody tr', { hasText: 'E2E-RB.csv' });
	await row.getByRole('button', { name: 'Roll back' }).click();
	await expect(page.getByTestId('rollback-result')).toContainText('rolled back');
	await expect(row.getByTestId('batch-status')).toHaveText('Rolled back');
	expect(await readComplaintVolume(page)).toBe(before);
});

test('an unreadable file gets a clear message naming it', async ({ page }) => {
	const card = await upload(page, writeFakeSpreadsheet());
	await expect(card.getByTestId('upload-problem').or(card.getByTestId('preview-message'))).toContainText(
		'complaints-october.csv'
	);
});

test('a survey with uncoded questions and its own answer words is mapped by hand, then loads', async ({
	page
}) => {
	const card = await upload(page, await writeUncodedSurvey('E2E-SURVEY'));
	if ((await card.getByTestId('preview-kind').inputValue()) !== 'surveys') {
		await card.getByTestId('preview-kind').selectOption('surveys');
	}
	const mapping = card.getByTestId('mapping');
	// The survey reading of the header: its respondent column recognised.
	await expect(mapping.getByLabel('问卷编号', { exact: true })).toHaveValue('respondent_id');
	await mapping.getByLabel('整体满意度', { exact: true }).selectOption({ label: 'As a survey question' });
	await mapping.getByLabel('报修服务满意度', { exact: true }).selectOption({ label: 'As a survey question' });
	await card.getByTestId('apply-mapping').click();

	const labels = card.getByTestId('survey-labels');
	await expect(labels).toBeVisible();
	const meanings: Record<string, string> = {
		很好: 'Very satisfied',
		好: 'Satisfied',
		差: 'Dissatisfied',
		很差: 'Very dissatisfied',
		没用过: 'Not applicable'
	};
	for (const [label, meaning] of Object.entries(meanings)) {
		await labels.getByLabel(`Meaning of ${label}`, { exact: true }).selectOption({ label: meaning });
	}
	await card.getByTestId('apply-mapping').click();
	await expect(card.getByTestId('survey-labels')).toHaveCount(0);
	await expect(card.getByTestId('preview-counts')).toContainText('6 new');
	await expect(card.getByTestId('preview-counts')).toContainText('0 invalid');
	await card.getByTestId('commit').click();
	await expect(card.getByTestId('commit-result')).toContainText('6 new');

	// Its results: 很好/好 are satisfied; 没用过 (mapped to N/A) is out of the repair question's base.
	await page.goto('/satisfaction?wave=2019');
	const rows = page.getByTestId('survey-questions-table').getByRole('table').locator('tbody tr');
	await expect(rows).toHaveCount(2);
	const overall = rows.filter({ hasText: '整体满意度' });
	await expect(overall).toContainText('66.7%');
	await expect(overall.locator('td').nth(3)).toHaveText('6');
	const repairs = rows.filter({ hasText: '报修服务满意度' });
	await expect(repairs).toContainText('50.0%');
	await expect(repairs.locator('td').nth(3)).toHaveText('4');
	await expect(repairs.locator('td').nth(10)).toHaveText('2');
});

test('every kind has a template workbook to download, headers in Chinese with an instructions sheet', async ({
	request
}) => {
	for (const kind of ['units', 'complaints', 'repairs', 'fees', 'payments', 'surveys']) {
		const response = await request.get(`/api/imports/templates/${kind}`);
		expect(response.status(), kind).toBe(200);
		expect(response.headers()['content-disposition'], kind).toContain(`courtyard-${kind}-template.xlsx`);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load((await response.body()) as unknown as ArrayBuffer);
		expect(
			workbook.worksheets.map((sheet) => sheet.name),
			kind
		).toContain('说明 Instructions');
	}
	expect((await request.get('/api/imports/templates/parking')).status()).toBe(404);
});
