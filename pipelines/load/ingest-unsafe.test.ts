import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { queryRows, type CourtyardDatabase } from '../db/database.ts';
import { buildHandWorkbookEntries, buildZip, deflateZeros } from '../readers/zip-fixtures.test-helper.ts';
import { ingestFile } from './ingest-file.ts';
import { webUploadLimits } from './limits.ts';
import { countRows, createTestDatabase } from './test-database.test-helper.ts';

let db: CourtyardDatabase;
let dir: string;
beforeEach(async () => ({ db, dir } = await createTestDatabase()));
afterEach(() => db.close());

function writeWorkbook(name: string, extra: Parameters<typeof buildZip>[0], rows = ''): string {
	const entries = buildHandWorkbookEntries({ sheets: [{ name: 'Sheet1', rows }] });
	const file = path.join(dir, name);
	fs.writeFileSync(file, buildZip([...entries, ...extra]));
	return file;
}

describe('unsafe workbooks through the whole pipeline', () => {
	it('refuses a zip bomb in the worker, records the failed batch and loads nothing', async () => {
		const file = writeWorkbook('bomb.xlsx', [
			{ name: 'xl/media/zeros.bin', data: '', deflated: deflateZeros(1200) }
		]);
		expect(fs.statSync(file).size).toBeLessThan(2 * 1024 * 1024);
		const result = await ingestFile(db, {
			filePath: file,
			uploadedBy: 'tester',
			source: 'web',
			limits: webUploadLimits
		});
		expect(result.status).toBe('failed');
		expect(result.message).toMatch(/^bomb\.xlsx was refused as unsafe: it unpacks to more than/);
		const [batch] = await queryRows<{ status: string; message: string }>(
			db.writer,
			'SELECT status, message FROM import_batches'
		);
		expect(batch.status).toBe('failed');
		expect(await countRows(db, 'complaints')).toBe(0);
	});

	it('refuses XML with a DOCTYPE or ENTITY declaration', async () => {
		const evil = '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]><x>&a;</x>';
		const file = writeWorkbook('entity.xlsx', [{ name: 'xl/custom.xml', data: evil }]);
		const result = await ingestFile(db, {
			filePath: file,
			uploadedBy: 'tester',
			source: 'web',
			inWorker: false
		});
		expect(result.status).toBe('failed');
		expect(result.message).toMatch(/entity\.xlsx was refused as unsafe: .*(DOCTYPE|ENTITY)/);
	});
});
