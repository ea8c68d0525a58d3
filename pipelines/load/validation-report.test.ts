import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CourtyardDatabase } from '../db/database.ts';
import { ingestFile } from './ingest-file.ts';
import { previewFile } from './preview-file.ts';
import {
	complaintHeader,
	complaintLine,
	createTestDatabase,
	writeFixture
} from './test-database.test-helper.ts';
import { errorColumnHeader, writeValidationReport } from './validation-report.ts';

let db: CourtyardDatabase;
let dir: string;
beforeEach(async () => ({ db, dir } = await createTestDatabase()));
afterEach(() => db.close());

/** Row 1 a title, row 2 the header; C2 (row 4) has an impossible date, C4 (row 6) resolves before it was received. */
const sourceLines = [
	'三月投诉台账',
	complaintHeader,
	complaintLine('C1'),
	complaintLine('C2', { received: '2025-02-30 09:00:00' }),
	complaintLine('C3', { description: '"=HYPERLINK(""http://x"",""点"")"' }),
	complaintLine('C4', { resolved: '2025-03-06 09:00:00' })
];
const width = complaintHeader.split(',').length;

describe('writeValidationReport', () => {
	it('writes a CSV in the original layout with errors on exactly the bad rows, which loads once fixed', async () => {
		const file = writeFixture(dir, 'march.csv', sourceLines.join('\n'));
		const preview = await previewFile(db, { filePath: file, inWorker: false });
		expect(preview.problems.map((p) => p.row)).toEqual([4, 6]);
		const outputPath = path.join(dir, 'report.csv');
		await writeValidationReport({
			filePath: file,
			fileName: 'march.csv',
			problems: preview.problems,
			format: 'csv',
			outputPath
		});
		const bytes = fs.readFileSync(outputPath);
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const reportFile = path.join(dir, 'report-reloaded.csv');
		fs.copyFileSync(outputPath, reportFile);
		const report = await previewFile(db, { filePath: reportFile, inWorker: false });
		// Read back by our own reader through the preview: same rows, one more column.
		expect(report.headerRowNumber).toBe(2);
		expect(report.headerCells).toHaveLength(width + 1);
		expect(report.headerCells[width]).toBe(errorColumnHeader);
		expect(report.unknownHeaders).toEqual([errorColumnHeader]);
		expect(report.counts.read).toBe(sourceLines.length - 2);

		const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
		expect(lines).toHaveLength(sourceLines.length);
		const quote = (text: string) => (/[",]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
		const expectedError = (row: number) =>
			preview.problems
				.filter((p) => p.row === row)
				.map((p) => `${p.column}: ${p.reason}`)
				.join('; ');
		expect(lines[0]).toBe('三月投诉台账' + ','.repeat(width));
		lines.forEach((line, i) => {
			const row = i + 1;
			const error = row === 2 ? errorColumnHeader : expectedError(row);
			expect(line.endsWith(`,${quote(error)}`)).toBe(true);
			expect(error === '' || row === 2).toBe(![4, 6].includes(row));
		});
		expect(expectedError(4)).toMatch(/^投诉时间: .*2025-02-30/);
		expect(lines[4]).toContain('"=HYPERLINK(""http://x"",""点"")"');

		const fixed = bytes
			.toString('utf8')
			.replace('2025-02-30 09:00:00', '2025-03-01 09:00:00')
			.replace(/2025-03-06 09:00:00/, '2025-03-09 09:00:00');
		const fixedFile = writeFixture(dir, 'march-fixed.csv', fixed);
		const loaded = await ingestFile(db, {
			filePath: fixedFile,
			uploadedBy: 'amy',
			source: 'web',
			inWorker: false
		});
		expect(loaded).toMatchObject({ status: 'loaded', rowsLoaded: 4, rowsRejected: 0 });
		expect(loaded.unknownHeaders).toEqual([errorColumnHeader]);
	});

	it('writes an XLSX at the same row numbers, with formula-like text kept as text', async () => {
		const file = writeFixture(dir, 'march.csv', sourceLines.join('\n'));
		const problems = [
			{ row: 4, column: '投诉时间', value: '2025-02-30 09:00:00', reason: 'not a date' },
			{ row: 4, column: null, value: null, reason: 'second problem' }
		];
		const outputPath = path.join(dir, 'report.xlsx');
		await writeValidationReport({
			filePath: file,
			fileName: 'march.csv',
			problems,
			format: 'xlsx',
			outputPath
		});
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.readFile(outputPath);
		const sheet = workbook.worksheets[0];
		expect(sheet.rowCount).toBe(sourceLines.length);
		expect(sheet.getCell(1, 1).value).toBe('三月投诉台账');
		expect(sheet.getCell(2, width + 1).value).toBe(errorColumnHeader);
		expect(sheet.getCell(4, width + 1).value).toBe('投诉时间: not a date; second problem');
		for (const row of [1, 3, 5, 6]) expect(sheet.getCell(row, width + 1).value).toBeNull();
		const formulaLike = sheet.getCell(5, 14);
		expect(formulaLike.type).toBe(ExcelJS.ValueType.String);
		expect(formulaLike.value).toBe('=HYPERLINK("http://x","点")');
	});
});
