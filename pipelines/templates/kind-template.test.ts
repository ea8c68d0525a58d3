import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CourtyardDatabase } from '../db/database.ts';
import type { KindName } from '../kinds/kind-definition.ts';
import { kindRegistry } from '../kinds/kind-registry.ts';
import { createTestDatabase } from '../load/test-database.test-helper.ts';
import { previewFile } from '../load/preview-file.ts';
import { buildKindTemplate } from './kind-template.ts';

let db: CourtyardDatabase;
let dir: string;
beforeEach(async () => ({ db, dir } = await createTestDatabase()));
afterEach(() => db.close());

// Surveys have question columns besides their fields: tested on their own below.
const kinds: KindName[] = ['units', 'complaints', 'repairs', 'fees', 'payments'];

describe('buildKindTemplate', () => {
	it('gives a survey template whose Q columns are read as questions and whose examples are valid answers', async () => {
		const file = path.join(dir, 'surveys.xlsx');
		fs.writeFileSync(file, await buildKindTemplate('surveys'));
		const preview = await previewFile(db, { filePath: file, inWorker: false });
		expect(preview.message).toBeNull();
		expect(preview.kind).toBe('surveys');
		expect(preview.unknownHeaders).toEqual([]);
		expect(preview.missingRequired).toEqual([]);
		expect(preview.problems).toEqual([]);
		expect(preview.counts).toMatchObject({ read: 3, new: 3, invalid: 0 });
		expect(preview.questions?.map((q) => q.code)).toEqual(['Q1', 'Q2', 'Q3', 'Q4', 'Q5']);
		// 不适用 and 不清楚 are kept as non-answers, not unknown words.
		expect(preview.questions?.flatMap((q) => q.labels).every((label) => label.code !== null)).toBe(true);
	});

	it.each(kinds)(
		'gives a %s template that the preview reads as that kind, with valid examples',
		async (kind) => {
			const file = path.join(dir, `${kind}.xlsx`);
			fs.writeFileSync(file, await buildKindTemplate(kind));
			const preview = await previewFile(db, { filePath: file, inWorker: false });
			expect(preview.message).toBeNull();
			expect(preview.kind).toBe(kind);
			expect(preview.unknownHeaders).toEqual([]);
			expect(preview.missingRequired).toEqual([]);
			expect(preview.problems).toEqual([]);
			expect(preview.counts).toMatchObject({ read: 3, new: 3, invalid: 0, duplicate: 0 });
			// Every field of the kind is a column, mapped to itself.
			expect(preview.columns.map((c) => c.field)).toEqual(kindRegistry[kind].fields.map((f) => f.name));
		}
	);

	it('offers the Chinese labels of each enumeration as a drop-down and formats date columns as dates', async () => {
		const workbook = new ExcelJS.Workbook();
		const file = path.join(dir, 'complaints.xlsx');
		fs.writeFileSync(file, await buildKindTemplate('complaints', { locale: 'en' }));
		await workbook.xlsx.readFile(file);
		const [data, instructions] = workbook.worksheets;
		expect(instructions.name).toBe('说明 Instructions');
		const headers = (data.getRow(1).values as unknown[]).slice(1);
		const channel = headers.indexOf('渠道') + 1;
		expect(channel).toBeGreaterThan(0);
		expect(data.getCell(2, channel).dataValidation).toMatchObject({
			type: 'list',
			formulae: ['"来电,来访,来函,线上,其他"']
		});
		expect(data.getCell(400, channel).dataValidation?.type).toBe('list');
		const received = headers.indexOf('投诉时间') + 1;
		expect(data.getCell(2, received).value).toBeInstanceOf(Date);
		expect(data.getCell(2, received).numFmt).toBe('yyyy-mm-dd hh:mm');
		expect(data.getCell(1, received).note).toMatch(/^Received At \(required/);
		const rows = instructions.getSheetValues().filter(Boolean) as unknown[][];
		const channelRow = rows.find((r) => r[1] === '渠道')!;
		expect(channelRow.slice(1)).toEqual([
			'渠道',
			'Channel',
			'否 No',
			'从下拉列表选择',
			'choose from the drop-down list',
			'来电 (phone)、来访 (visit)、来函 (letter)、线上 (online)、其他 (other)'
		]);
	});
});
