import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';

/**
 * The annual survey on the demo data (pipelines/demo/PATTERNS.md, pattern 4): 阳光新城's cleaning question
 * falls and 滨江一号's parking question rises from 2025 to 2026, both significant; every other
 * area × question moves by noise only and must not be marked.
 */
test.use({ locale: 'en-US', acceptDownloads: true });

/** The controls navigate from script; a chart drawn means the page is hydrated and listening. */
async function waitForHydration(page: Page): Promise<void> {
	await expect(page.getByTestId('survey-distribution')).toHaveAttribute('data-ready', 'true');
}

test('the planted fall and rise are the only significant year-over-year changes', async ({ page }) => {
	await page.goto('/satisfaction');
	await expect(page.getByRole('heading', { name: 'Satisfaction survey', level: 1 })).toBeVisible();
	await expect(page.getByTestId('survey-wave')).toHaveValue('2026');
	await expect(page.getByTestId('survey-compare')).toHaveValue('2025');
	const table = page.getByTestId('survey-area-changes-table').getByRole('table');
	const rows = table.locator('tbody tr');
	await expect(rows.first()).toBeVisible();
	const marked = rows.filter({ hasText: /significant (rise|fall)/ });
	await expect(marked).toHaveCount(2);
	const fall = marked.filter({ hasText: '阳光新城' });
	await expect(fall).toContainText('Q5');
	await expect(fall).toContainText('▼ significant fall');
	const rise = marked.filter({ hasText: '滨江一号' });
	await expect(rise).toContainText('Q8');
	await expect(rise).toContainText('▲ significant rise');
	// Significant rows come first, so the third row is already ordinary noise.
	await expect(rows.nth(2)).toContainText('not significant');
});

test('every figure names its calibre, and switching the calibre changes the rates and the URL', async ({
	page
}) => {
	await page.goto('/satisfaction');
	const note = page.getByTestId('survey-calibre-note');
	await expect(note).toContainText('Calibre: Default (top two)');
	const rate = page.getByTestId('survey-headline-rate');
	const before = await rate.textContent();
	await waitForHydration(page);
	await page.getByTestId('survey-calibre').selectOption('top3');
	await expect(page).toHaveURL(/calibre=top3/);
	await expect(note).toContainText('Calibre: Neutral counted satisfied');
	await expect(rate).not.toHaveText(before ?? '');
	// The TSM table stays on the regulator's rule whatever the page shows.
	await expect(page.getByTestId('survey-tsm')).toContainText('Always the default calibre');
});

test('results show bases, non-answers and screened-out counts; small areas are greyed with their n', async ({
	page
}) => {
	await page.goto('/satisfaction');
	const questions = page.getByTestId('survey-questions-table').getByRole('table');
	await expect(questions.locator('thead')).toContainText('Screened out');
	await expect(questions.locator('thead')).toContainText('N/A');
	await expect(questions.locator('tbody tr').first()).toContainText('Q1');
	const heatmap = page.getByTestId('survey-heatmap');
	await expect(heatmap).toHaveAttribute('data-ready', 'true');
	await expect(page.getByTestId('survey-response')).toContainText('Needed for ±5%');
	await expect(page.getByTestId('survey-drivers')).toContainText('Importance');
	await expect(page.getByTestId('survey-tsm-table')).toContainText('TP01');
});

test('the wave’s results download as a workbook with one sheet per view', async ({ page }) => {
	await page.goto('/satisfaction');
	const downloading = page.waitForEvent('download');
	await page.getByTestId('survey-export').click();
	const download = await downloading;
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.readFile((await download.path())!);
	const names = workbook.worksheets.map((sheet) => sheet.name);
	expect(names[0]).toBe('Summary of approach');
	expect(names).toContain('Results by question');
	expect(names.some((name) => name.startsWith('Tenant Satisfaction Measures'))).toBe(true);
	const sheet = workbook.getWorksheet('Results by question')!;
	const header = (sheet.getRow(1).values as unknown[]).slice(1);
	expect(header).toContain('Base n');
	expect(header).toContain('Satisfied');
	const q1 = (sheet.getRow(2).values as unknown[]).slice(1);
	const base = q1[header.indexOf('Base n')] as number;
	const satisfied = q1[header.indexOf('Satisfied')] as number;
	const rate = q1[header.indexOf('Satisfaction rate')] as number;
	expect(rate).toBeCloseTo(satisfied / base, 10);
});

test('verbatim comments are searchable and filterable, with phone numbers masked', async ({ page }) => {
	await page.goto('/satisfaction?area=阳光新城');
	const comments = page.getByTestId('survey-comments');
	const count = async () =>
		Number(((await comments.getByTestId('comment-count').textContent()) ?? '').replace(/\D/g, ''));
	const all = await count();
	expect(all).toBeGreaterThan(20);
	await waitForHydration(page);
	await comments.getByTestId('comment-question').selectOption('Q5');
	await comments.getByTestId('comment-answer').selectOption('dissatisfied');
	await expect(page).toHaveURL(/commentAnswer=dissatisfied/);
	await expect.poll(count).toBeLessThan(all);
	for (const meta of await comments.locator('.meta').allTextContents()) {
		expect(meta).toContain('阳光新城');
		expect(meta).toMatch(/Q5: [12]\b/);
	}
	await page.goto('/satisfaction?commentText=电话');
	const list = page.getByTestId('comment-list');
	await expect(list.locator('li').first()).toBeVisible();
	const texts = await list.locator('blockquote').allTextContents();
	expect(texts.some((text) => /1\d{2}\*{4}\d{4}/.test(text))).toBe(true);
	for (const text of texts) expect(text).not.toMatch(/1[3-9]\d{9}/);
});

test('a questionnaire edit is saved, and a changed wording flags the year-over-year comparison', async ({
	page
}) => {
	await page.goto('/satisfaction/waves?wave=2024');
	await expect(page.getByTestId('survey-waves')).toContainText('2026');
	await expect(page.getByTestId('questionnaire')).toContainText('TP02');
	const row = page.getByTestId('question-Q5');
	await row.getByText('Edit').click();
	await row.getByLabel('Text (English)').fill('Cleanliness of shared spaces');
	await row.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByTestId('questionnaire-saved')).toBeVisible();
	await expect(page.getByTestId('question-Q5')).toContainText('Cleanliness of shared spaces');

	await page.goto('/satisfaction?wave=2025');
	await expect(page.getByTestId('survey-compare')).toHaveValue('2024');
	const changes = page.getByTestId('survey-changes-table').getByRole('table').locator('tbody tr');
	await expect(changes.filter({ hasText: 'Q5' }).first()).toContainText('wording changed');
	await expect(changes.filter({ hasText: 'Q1' }).first()).not.toContainText('wording changed');
});

test('printing shows every row of the paged tables and hides the controls', async ({ page }) => {
	await page.goto('/satisfaction');
	await waitForHydration(page);
	const rows = page.getByTestId('survey-area-changes-table').getByRole('table').locator('tbody tr');
	await expect(rows).toHaveCount(25);
	await page.emulateMedia({ media: 'print' });
	await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
	// 8 areas × 11 rated questions.
	await expect(rows).toHaveCount(88);
	await expect(page.getByTestId('survey-controls')).toBeHidden();
	await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
	await expect(rows).toHaveCount(25);
});
