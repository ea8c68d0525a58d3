import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, queryRows, type CourtyardDatabase } from './database.ts';
import { migrations } from './migrations.ts';

let db: CourtyardDatabase | undefined;
afterEach(() => db?.close());

describe('openDatabase', () => {
	it('creates the file, applies every migration once, and reopens without reapplying', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-db-'));
		const file = path.join(dir, 'test.duckdb');
		db = await openDatabase(file);
		const versions = await queryRows<{ version: number }>(db.writer, 'SELECT version FROM schema_migrations');
		expect(versions.map((v) => v.version)).toEqual(migrations.map((m) => m.version));
		db.close();
		db = await openDatabase(file);
		const again = await queryRows(db.writer, 'SELECT version FROM schema_migrations');
		expect(again).toHaveLength(migrations.length);
		const tables = await queryRows<{ name: string }>(
			db.writer,
			"SELECT table_name AS name FROM information_schema.tables WHERE table_name LIKE '%_history' ORDER BY 1"
		);
		expect(tables.map((t) => t.name)).toContain('complaints_history');
	});
});
