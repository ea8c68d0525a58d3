import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows, type CourtyardDatabase } from '../db/database.ts';
import { computeHeaderSignature, findColumnMapping, saveColumnMapping } from './column-mappings.ts';
import { ingestFile } from './ingest-file.ts';
import { previewFile } from './preview-file.ts';
import { countRows, createTestDatabase, writeFixture } from './test-database.test-helper.ts';

let db: CourtyardDatabase;
let dir: string;
beforeEach(async () => ({ db, dir } = await createTestDatabase()));
afterEach(() => db.close());

/** 'Ticket Ref' and 'Date Logged' are no complaint aliases: without help the file reads as no kind. */
const oddHeader = 'Ticket Ref,Date Logged,投诉类别,渠道,片区';

describe('computeHeaderSignature', () => {
	it('ignores case, spacing, punctuation and trailing blank cells, but not order or kind', () => {
		const signature = computeHeaderSignature('complaints', ['Ticket Ref', 'Date Logged', '片区']);
		expect(computeHeaderSignature('complaints', [' ticket ref', 'DATE_LOGGED', '片区', '', null])).toBe(
			signature
		);
		expect(computeHeaderSignature('complaints', ['Date Logged', 'Ticket Ref', '片区'])).not.toBe(signature);
		expect(computeHeaderSignature('repairs', ['Ticket Ref', 'Date Logged', '片区'])).not.toBe(signature);
	});
});

describe('remembered column mappings', () => {
	it('saves one mapping per kind and header, the latest winning', async () => {
		const headerCells = oddHeader.split(',');
		await saveColumnMapping(db.writer, {
			kind: 'complaints',
			headerCells,
			mapping: { 'Ticket Ref': '' },
			user: 'amy'
		});
		await saveColumnMapping(db.writer, {
			kind: 'complaints',
			headerCells,
			mapping: { 'Ticket Ref': 'id', 'Date Logged': 'received_at' },
			user: 'ben'
		});
		expect(await countRows(db, 'column_mappings')).toBe(1);
		expect(await findColumnMapping(db.writer, 'complaints', headerCells)).toEqual({
			'Ticket Ref': 'id',
			'Date Logged': 'received_at'
		});
		expect(await findColumnMapping(db.writer, 'repairs', headerCells)).toBeNull();
		const [row] = await queryRows<{ updated_by: string }>(
			db.writer,
			'SELECT updated_by FROM column_mappings'
		);
		expect(row.updated_by).toBe('ben');
	});

	it('applies a saved correction to the next preview and load of a file with the same header', async () => {
		const first = writeFixture(
			dir,
			'march.csv',
			[oddHeader, 'T1,2025-03-07 09:00,电梯,来电,翠湖花园'].join('\n')
		);
		const unmapped = await previewFile(db, { filePath: first, inWorker: false });
		expect(unmapped.kind).toBeNull();
		expect(unmapped.missingRequired).toContain('received_at');

		await saveColumnMapping(db.writer, {
			kind: 'complaints',
			headerCells: unmapped.headerCells,
			mapping: { 'Ticket Ref': 'id', 'Date Logged': 'received_at' },
			user: 'amy'
		});
		// Another month's file: same columns, other rows; nobody says how to map it.
		const next = writeFixture(
			dir,
			'april.csv',
			[oddHeader, 'T7,2025-04-02 10:30,绿化,线上,翠湖花园', 'T8,2025-04-03 11:00,停车,来访,翠湖花园'].join(
				'\n'
			)
		);
		const preview = await previewFile(db, { filePath: next, inWorker: false });
		expect(preview.message).toBeNull();
		expect(preview.kind).toBe('complaints');
		expect(preview.columns.slice(0, 2)).toEqual([
			{ index: 0, header: 'Ticket Ref', role: 'field', field: 'id' },
			{ index: 1, header: 'Date Logged', role: 'field', field: 'received_at' }
		]);
		expect(preview.unknownHeaders).toEqual([]);

		const loaded = await ingestFile(db, { filePath: next, uploadedBy: 'amy', source: 'web' });
		expect(loaded.status).toBe('loaded');
		const rows = await queryRows<{ id: string; received_at: string }>(
			db.writer,
			'SELECT id, received_at::VARCHAR AS received_at FROM complaints ORDER BY id'
		);
		expect(rows).toEqual([
			{ id: 'T7', received_at: '2025-04-02 10:30:00' },
			{ id: 'T8', received_at: '2025-04-03 11:00:00' }
		]);
	});

	it('lets a mapping given with the request win over the remembered one', async () => {
		await saveColumnMapping(db.writer, {
			kind: 'complaints',
			headerCells: oddHeader.split(','),
			mapping: { 'Ticket Ref': 'id', 'Date Logged': 'received_at' },
			user: 'amy'
		});
		const file = writeFixture(
			dir,
			'may.csv',
			[oddHeader, 'T9,2025-05-02 10:30,绿化,线上,翠湖花园'].join('\n')
		);
		const preview = await previewFile(db, {
			filePath: file,
			inWorker: false,
			mapping: { 'Ticket Ref': '', 'Date Logged': 'received_at' }
		});
		expect(preview.columns[0]).toEqual({ index: 0, header: 'Ticket Ref', role: 'ignored' });
		expect(preview.sampleRows[0].id).toMatch(/^h:/);
	});
});
