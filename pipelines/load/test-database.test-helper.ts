import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, queryRows, type CourtyardDatabase } from '../db/database.ts';

/** A real database in a fresh temp directory (tests never mock DuckDB). */
export async function createTestDatabase(): Promise<{ db: CourtyardDatabase; dir: string }> {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-test-'));
	const db = await openDatabase(path.join(dir, 'test.duckdb'));
	return { db, dir };
}

export function writeFixture(dir: string, name: string, content: string | Uint8Array): string {
	const file = path.join(dir, name);
	fs.writeFileSync(file, content);
	return file;
}

export async function countRows(db: CourtyardDatabase, table: string): Promise<number> {
	const [row] = await queryRows<{ n: number }>(db.writer, `SELECT count(*)::INTEGER AS n FROM ${table}`);
	return row.n;
}

export const complaintHeader =
	'投诉编号,投诉时间,渠道,片区,楼栋,房号,投诉类别,投诉级别,是否有效,责任部门,是否转办,首次响应时间,办结时间,投诉内容,联系电话';

export function complaintLine(id: string, overrides: Partial<Record<string, string>> = {}): string {
	const values = {
		id,
		received: '2025-03-07 09:00:00',
		channel: '来电',
		area: '翠湖花园',
		building: '3栋',
		unit: '3-2-1502',
		category: '电梯',
		severity: '一般',
		valid: '有效',
		department: '工程部',
		transferred: '否',
		response: '2025-03-07 10:00:00',
		resolved: '2025-03-07 16:00:00',
		description: '电梯异响',
		phone: '13800138000',
		...overrides
	};
	return Object.values(values).join(',');
}
