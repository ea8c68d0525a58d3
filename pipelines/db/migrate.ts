import type { DuckDBConnection } from '@duckdb/node-api';
import { migrations } from './migrations.ts';

/**
 * Applies every migration newer than the database's version, each in its own transaction.
 * Schema changes run only here, at start-up (SPEC §4), never on a request path.
 */
export async function applyMigrations(connection: DuckDBConnection): Promise<number[]> {
	await connection.run(
		'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER NOT NULL, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)'
	);
	const reader = await connection.runAndReadAll(
		'SELECT coalesce(max(version), 0) AS v FROM schema_migrations'
	);
	const current = Number(reader.getRowObjectsJS()[0].v);
	const applied: number[] = [];
	for (const migration of migrations) {
		if (migration.version <= current) continue;
		await connection.run('BEGIN TRANSACTION');
		try {
			for (const statement of migration.statements) await connection.run(statement);
			await connection.run('INSERT INTO schema_migrations VALUES ($1, $2, current_localtimestamp())', [
				migration.version,
				migration.name
			]);
			await connection.run('COMMIT');
		} catch (error) {
			await connection.run('ROLLBACK');
			throw new Error(
				`Migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`
			);
		}
		applied.push(migration.version);
	}
	return applied;
}
