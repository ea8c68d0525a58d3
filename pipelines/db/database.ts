import fs from 'node:fs';
import path from 'node:path';
import { DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { applyMigrations } from './migrate.ts';

export type SqlParams = DuckDBValue[] | Record<string, DuckDBValue>;

/** The product's one embedded database file, with migrations applied. */
export interface CourtyardDatabase {
	readonly path: string;
	readonly instance: DuckDBInstance;
	/** A connection reserved for writes (batches, rollbacks); DuckDB allows one writing process. */
	readonly writer: DuckDBConnection;
	connect(): Promise<DuckDBConnection>;
	close(): void;
}

/** Thrown when another process (usually the dashboard server) holds the database file. */
export class DatabaseLockedError extends Error {
	constructor(
		readonly dbPath: string,
		readonly holder: string | null
	) {
		super(
			`The database ${dbPath} is in use by another Courtyard process${holder ? ` (${holder})` : ''}. ` +
				'If the dashboard server is running, send files to it instead (the CLI does this when COURTYARD_SERVER is set), ' +
				'or stop the server first.'
		);
		this.name = 'DatabaseLockedError';
	}
}

export function resolveDatabasePath(): string {
	return path.resolve(process.env.COURTYARD_DB ?? path.join('data', 'courtyard.duckdb'));
}

/** Opens (creating if needed) the database file and brings its schema up to date, then checkpoints. */
export async function openDatabase(dbPath = resolveDatabasePath()): Promise<CourtyardDatabase> {
	fs.mkdirSync(path.dirname(dbPath), { recursive: true });
	let instance: DuckDBInstance;
	try {
		instance = await DuckDBInstance.create(dbPath);
	} catch (error) {
		const message = String((error as Error).message ?? error);
		if (/lock/i.test(message)) {
			const holder = /\(PID (\d+)\)/.exec(message);
			throw new DatabaseLockedError(dbPath, holder ? `PID ${holder[1]}` : null);
		}
		throw error;
	}
	const writer = await instance.connect();
	await applyMigrations(writer);
	await writer.run('CHECKPOINT');
	return {
		path: dbPath,
		instance,
		writer,
		connect: () => instance.connect(),
		close() {
			writer.closeSync();
			instance.closeSync();
		}
	};
}

/** Runs fn inside one transaction: all of its writes become visible together or not at all. */
export async function runInTransaction<T>(connection: DuckDBConnection, fn: () => Promise<T>): Promise<T> {
	await connection.run('BEGIN TRANSACTION');
	try {
		const result = await fn();
		await connection.run('COMMIT');
		return result;
	} catch (error) {
		await connection.run('ROLLBACK').catch(() => undefined);
		throw error;
	}
}

/** Reads all rows of a query as plain JSON-safe objects (BIGINT → number when safe, else string). */
export async function queryRows<T = Record<string, unknown>>(
	connection: DuckDBConnection,
	sql: string,
	params?: SqlParams
): Promise<T[]> {
	const reader = await connection.runAndReadAll(sql, params);
	return reader.getRowObjectsJS().map((row) => convertBigInts(row)) as T[];
}

function convertBigInts(row: Record<string, unknown>): Record<string, unknown> {
	for (const key of Object.keys(row)) {
		const value = row[key];
		if (typeof value === 'bigint') {
			row[key] =
				value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
					? Number(value)
					: value.toString();
		}
	}
	return row;
}
