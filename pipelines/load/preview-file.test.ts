import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows, type CourtyardDatabase } from '../db/database.ts';
import { ingestFile } from './ingest-file.ts';
import { previewFile } from './preview-file.ts';
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

/** Everything a preview must leave alone, as text: record tables, history, batches and quarantine. */
async function snapshotDatabase(): Promise<string> {
	const tables = [
		'complaints',
		'complaints_history',
		'import_batches',
		'quarantined_rows',
		'column_mappings'
	];
	const parts: unknown[] = [];
	for (const table of tables) {
		parts.push(
			await queryRows(
				db.writer,
				`SELECT to_json(t)::VARCHAR AS row FROM ${table} t ORDER BY to_json(t)::VARCHAR`
			)
		);
	}
	return JSON.stringify(parts);
}

/** Row 1 header; C1, C2, C3 on rows 2–4 of the first file. */
const firstFile = () =>
	writeFixture(
		dir,
		'first.csv',
		[complaintHeader, complaintLine('C1'), complaintLine('C2'), complaintLine('C3')].join('\n')
	);

/** Against first.csv: C1 unchanged, C2 updated, C4 and C5 new, C6 invalid (row 5), C4 again (row 7). */
const secondFile = () =>
	writeFixture(
		dir,
		'second.csv',
		[
			complaintHeader,
			complaintLine('C1'),
			complaintLine('C2', { category: '装修噪音' }),
			complaintLine('C4'),
			complaintLine('C6', { received: '2025-02-30 09:00:00' }),
			complaintLine('C5', { channel: '来访' }),
			complaintLine('C4', { description: '再次投诉' })
		].join('\n')
	);

describe('previewFile', () => {
	it('counts what a commit would do, and the commit right after does exactly that', async () => {
		await ingest(firstFile());
		const file = secondFile();
		const preview = await previewFile(db, { filePath: file, inWorker: false });
		expect(preview.message).toBeNull();
		expect(preview.kind).toBe('complaints');
		expect(preview.headerRowNumber).toBe(1);
		expect(preview.counts).toEqual({
			read: 6,
			new: 2,
			updated: 1,
			unchanged: 1,
			invalid: 1,
			duplicate: 1,
			skipped: 0
		});
		expect(preview.problems.map((p) => p.row)).toEqual([5, 7]);
		expect(preview.problems[0]).toMatchObject({ column: '投诉时间', value: '2025-02-30 09:00:00' });
		expect(preview.problems[1]).toMatchObject({ column: '投诉编号', value: 'C4' });

		const committed = await ingest(file, { acceptPartial: true });
		expect(committed.status).toBe('partial');
		expect({
			read: committed.rowsRead,
			new: committed.rowsLoaded,
			updated: committed.rowsUpdated,
			unchanged: committed.rowsUnchanged,
			rejected: committed.rowsRejected,
			skipped: committed.rowsSkipped
		}).toEqual({
			read: preview.counts.read,
			new: preview.counts.new,
			updated: preview.counts.updated,
			unchanged: preview.counts.unchanged,
			rejected: preview.counts.invalid + preview.counts.duplicate,
			skipped: preview.counts.skipped
		});
	});

	it('changes nothing in the database, in the worker as inline', async () => {
		await ingest(firstFile());
		const before = await snapshotDatabase();
		const batchesBefore = await countRows(db, 'import_batches');
		await previewFile(db, { filePath: secondFile(), inWorker: false });
		await previewFile(db, { filePath: secondFile() });
		expect(await snapshotDatabase()).toBe(before);
		expect(await countRows(db, 'import_batches')).toBe(batchesBefore);
		expect(await countRows(db, 'complaints')).toBe(3);
	});

	it('shows the first rows as they will be stored, and the fields for a mapping editor', async () => {
		const preview = await previewFile(db, { filePath: secondFile(), inWorker: false });
		expect(preview.sampleRows).toHaveLength(4);
		expect(preview.sampleRows[1]).toMatchObject({
			id: 'C2',
			received_at: '2025-03-07 09:00:00',
			channel: 'phone',
			category: 'renovation_noise',
			transferred: false
		});
		expect(preview.sampleRows.map((r) => r.id)).toEqual(['C1', 'C2', 'C4', 'C5']);
		expect(preview.sampleRows[3].channel).toBe('visit');
		expect(preview.fields.find((f) => f.name === 'received_at')).toEqual({
			name: 'received_at',
			required: true,
			label: '投诉时间 Received At'
		});
		expect(preview.columns[0]).toEqual({ index: 0, header: '投诉编号', role: 'field', field: 'id' });
		expect(preview.alreadyLoaded).toBeNull();
		expect(preview.sha256).toMatch(/^[0-9a-f]{64}$/);
	});

	it('says when the same file was already loaded, by whom and in which batch', async () => {
		const file = firstFile();
		const loaded = await ingest(file);
		const preview = await previewFile(db, { filePath: file, inWorker: false });
		expect(preview.alreadyLoaded).toMatchObject({ batchId: loaded.batchId, uploadedBy: 'tester' });
		expect(preview.counts).toMatchObject({ read: 3, new: 0, unchanged: 3 });
	});

	it('names the file and the closest kinds when the header does not settle the kind', async () => {
		const file = writeFixture(
			dir,
			'odd.csv',
			['Ticket Ref,Date Logged,投诉类别,渠道,片区', 'T1,2025-03-07 09:00,电梯,来电,翠湖花园'].join('\n')
		);
		const preview = await previewFile(db, { filePath: file, fileName: '三月投诉.csv', inWorker: false });
		expect(preview.kind).toBeNull();
		expect(preview.message).toContain('三月投诉.csv');
		expect(preview.kindCandidates?.[0]).toBe('complaints');
		expect(preview.missingRequired).toEqual(['received_at']);
		expect(preview.unknownHeaders).toEqual(['Ticket Ref', 'Date Logged']);
		expect(preview.headerCells).toEqual(['Ticket Ref', 'Date Logged', '投诉类别', '渠道', '片区']);
		expect(await countRows(db, 'import_batches')).toBe(0);
	});

	it('previews a corrected mapping given by the caller', async () => {
		const file = writeFixture(
			dir,
			'odd.csv',
			['Ticket Ref,Date Logged,投诉类别,渠道,片区', 'T1,2025-03-07 09:00,电梯,来电,翠湖花园'].join('\n')
		);
		const preview = await previewFile(db, {
			filePath: file,
			inWorker: false,
			mapping: { 'Ticket Ref': 'id', 'Date Logged': 'received_at' }
		});
		expect(preview.message).toBeNull();
		expect(preview.kind).toBe('complaints');
		expect(preview.sampleRows).toEqual([
			expect.objectContaining({ id: 'T1', received_at: '2025-03-07 09:00:00', category: 'lifts' })
		]);
		expect(preview.counts.new).toBe(1);
	});
});
