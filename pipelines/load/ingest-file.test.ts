import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows, type CourtyardDatabase } from '../db/database.ts';
import { ingestFile } from './ingest-file.ts';
import { rollbackBatch } from './rollback-batch.ts';
import {
	complaintHeader,
	complaintLine,
	countRows,
	createTestDatabase,
	writeFixture
} from './test-database.test-helper.ts';

let db: CourtyardDatabase;
let dir: string;
beforeEach(async () => ({ db, dir } = await createTestDatabase()));
afterEach(() => db.close());

const ingest = (file: string, extra: Partial<Parameters<typeof ingestFile>[1]> = {}) =>
	ingestFile(db, { filePath: file, uploadedBy: 'tester', source: 'cli', inWorker: false, ...extra });

function expectCountsAddUp(result: Awaited<ReturnType<typeof ingestFile>>) {
	expect(result.rowsRead).toBe(
		result.rowsLoaded + result.rowsUpdated + result.rowsUnchanged + result.rowsRejected + result.rowsSkipped
	);
}

describe('ingestFile', () => {
	it('loads a complaints CSV with Chinese headers and normalises its values', async () => {
		const file = writeFixture(
			dir,
			'c.csv',
			[complaintHeader, complaintLine('C1'), complaintLine('C2', { category: '装修噪音' })].join('\n')
		);
		const result = await ingest(file);
		expect(result).toMatchObject({
			status: 'loaded',
			kind: 'complaints',
			rowsRead: 2,
			rowsLoaded: 2,
			rowsRejected: 0
		});
		expectCountsAddUp(result);
		const rows = await queryRows<{
			id: string;
			category: string;
			channel: string;
			transferred: boolean;
			unit: string;
		}>(db.writer, 'SELECT id, category, channel, transferred, unit FROM complaints ORDER BY id');
		expect(rows).toEqual([
			{ id: 'C1', category: 'lifts', channel: 'phone', transferred: false, unit: '3-2-1502' },
			{ id: 'C2', category: 'renovation_noise', channel: 'phone', transferred: false, unit: '3-2-1502' }
		]);
	});

	it('treats the same file loaded twice as a no-op that says when it was loaded', async () => {
		const file = writeFixture(dir, 'c.csv', [complaintHeader, complaintLine('C1')].join('\n'));
		const first = await ingest(file);
		const second = await ingest(file);
		expect(second.status).toBe('duplicate');
		expect(second.batchId).toBe(first.batchId);
		expect(second.message).toMatch(/already loaded on \d{4}-\d{2}-\d{2} \d{2}:\d{2} by tester \(batch \d+\)/);
		expect(await countRows(db, 'complaints')).toBe(1);
		expect(await countRows(db, 'import_batches')).toBe(1);
	});

	it('loads nothing from a file with bad rows unless accepted, then exactly the good rows', async () => {
		const content = [
			complaintHeader,
			complaintLine('C1'),
			complaintLine('C2', { received: '2025-02-30 09:00:00' }),
			complaintLine('C3', { resolved: '2025-03-06 09:00:00' }),
			complaintLine('C4')
		].join('\n');
		const file = writeFixture(dir, 'bad.csv', content);
		const rejected = await ingest(file);
		expect(rejected.status).toBe('rejected');
		expect(rejected.rowsRejected).toBe(2);
		expect(await countRows(db, 'complaints')).toBe(0);
		expect(rejected.rejects).toEqual([
			expect.objectContaining({ row: 3, column: '投诉时间', value: '2025-02-30 09:00:00' }),
			expect.objectContaining({
				row: 4,
				column: '办结时间',
				reason: expect.stringMatching(/before the complaint was received/)
			})
		]);
		const quarantined = await queryRows<{ row_number: number; column_name: string }>(
			db.writer,
			'SELECT row_number, column_name FROM quarantined_rows WHERE batch_id = $b ORDER BY row_number',
			{ b: rejected.batchId }
		);
		expect(quarantined).toEqual([
			{ row_number: 3, column_name: '投诉时间' },
			{ row_number: 4, column_name: '办结时间' }
		]);

		const accepted = await ingest(file, { acceptPartial: true });
		expect(accepted.status).toBe('partial');
		expect(accepted.rowsLoaded).toBe(2);
		expectCountsAddUp(accepted);
		const ids = await queryRows<{ id: string }>(db.writer, 'SELECT id FROM complaints ORDER BY id');
		expect(ids.map((r) => r.id)).toEqual(['C1', 'C4']);
	});

	it('updates a record that arrives again, keeps the old version, and rollback restores it', async () => {
		const first = writeFixture(
			dir,
			'a.csv',
			[complaintHeader, complaintLine('C1'), complaintLine('C2')].join('\n')
		);
		const a = await ingest(first);
		const before = await queryRows(db.writer, 'SELECT * FROM complaints ORDER BY id');
		const second = writeFixture(
			dir,
			'b.csv',
			[
				complaintHeader,
				complaintLine('C1', { category: '绿化' }),
				complaintLine('C2'),
				complaintLine('C3')
			].join('\n')
		);
		const b = await ingest(second);
		expect(b).toMatchObject({ rowsLoaded: 1, rowsUpdated: 1, rowsUnchanged: 1 });
		expectCountsAddUp(b);
		const history = await queryRows<{ id: string; category: string; batch_id: number }>(
			db.writer,
			'SELECT id, category, batch_id FROM complaints_history'
		);
		expect(history).toEqual([{ id: 'C1', category: 'lifts', batch_id: a.batchId }]);

		await expect(rollbackBatch(db.writer, a.batchId!, 'tester')).rejects.toThrow(/Roll back \d+ first/);
		await rollbackBatch(db.writer, b.batchId!, 'tester');
		expect(await queryRows(db.writer, 'SELECT * FROM complaints ORDER BY id')).toEqual(before);
		expect(await countRows(db, 'complaints_history')).toBe(0);
		const [batch] = await queryRows<{ status: string }>(
			db.writer,
			'SELECT status FROM import_batches WHERE id = $id',
			{
				id: b.batchId
			}
		);
		expect(batch.status).toBe('rolled_back');
	});

	it('skips blank rows and totals rows, never turning them into records', async () => {
		const file = writeFixture(
			dir,
			't.csv',
			[
				complaintHeader,
				complaintLine('C1'),
				',,,,,,,,,,,,,,',
				complaintLine('C2'),
				'合计,2,,,,,,,,,,,,,'
			].join('\n')
		);
		const result = await ingest(file);
		expect(result).toMatchObject({ status: 'loaded', rowsRead: 4, rowsLoaded: 2, rowsSkipped: 2 });
		expect(await countRows(db, 'complaints')).toBe(2);
	});

	it('rejects duplicate ids inside a file, naming the first row', async () => {
		const file = writeFixture(
			dir,
			'd.csv',
			[complaintHeader, complaintLine('C1'), complaintLine('C1')].join('\n')
		);
		const result = await ingest(file);
		expect(result.status).toBe('rejected');
		expect(result.rejects[0]).toMatchObject({
			row: 3,
			reason: 'duplicate id C1: already on row 2 of this file'
		});
	});

	it('stores text that looks like a formula as text', async () => {
		const file = writeFixture(
			dir,
			'f.csv',
			[complaintHeader, complaintLine('C1', { description: '=1+1' })].join('\n')
		);
		await ingest(file);
		const [row] = await queryRows<{ description: string }>(db.writer, 'SELECT description FROM complaints');
		expect(row.description).toBe('=1+1');
	});

	it('says which columns were not recognised and which required ones are missing', async () => {
		const file = writeFixture(dir, 'u.csv', '投诉时间,片区,备注栏,其他列\n2025-03-07,翠湖花园,x,y\n');
		const result = await ingest(file, { kind: 'complaints' });
		expect(result.status).toBe('failed');
		expect(result.message).toMatch(/required columns are missing: category/);
		expect(result.message).toMatch(/not recognised: 备注栏, 其他列/);
		expect(await countRows(db, 'complaints')).toBe(0);
	});

	it('names the candidate kinds when the headers fit more than one, and loads once the kind is chosen', async () => {
		const file = writeFixture(dir, 'amb.csv', '受理时间,片区,Category\n2025-03-07 09:00,翠湖花园,电梯\n');
		const ambiguous = await ingest(file);
		expect(ambiguous.status).toBe('failed');
		expect(ambiguous.message).toBe(
			'amb.csv: the columns fit more than one kind of record (complaints, repairs); choose the kind.'
		);
		const chosen = await ingest(file, { kind: 'repairs' });
		expect(chosen).toMatchObject({ status: 'loaded', kind: 'repairs', rowsLoaded: 1 });
	});

	it('refuses empty files, header-only files and files that are not what their extension says', async () => {
		expect((await ingest(writeFixture(dir, 'empty.csv', ''))).message).toMatch(/empty\.csv is empty/);
		expect((await ingest(writeFixture(dir, 'header.csv', complaintHeader + '\n'))).message).toMatch(
			/no data rows/
		);
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
		const fake = await ingest(writeFixture(dir, 'photo.csv', png));
		expect(fake.status).toBe('failed');
		expect(fake.message).toMatch(/photo\.csv cannot be read: .*PNG/i);
	});

	it('refuses a file over the size limit before reading it', async () => {
		const file = writeFixture(dir, 'big.csv', [complaintHeader, complaintLine('C1')].join('\n'));
		const result = await ingest(file, {
			limits: { ...(await import('./limits.ts')).webUploadLimits, maxFileBytes: 100 }
		});
		expect(result.status).toBe('failed');
		expect(result.message).toMatch(/over the 100 bytes limit; it was not read/);
	});

	it('parses in a worker thread and loads the same rows', async () => {
		const file = writeFixture(
			dir,
			'w.csv',
			[complaintHeader, complaintLine('C1'), complaintLine('C2')].join('\n')
		);
		const result = await ingestFile(db, { filePath: file, uploadedBy: 'tester', source: 'cli' });
		expect(result).toMatchObject({ status: 'loaded', rowsLoaded: 2 });
	});
});
