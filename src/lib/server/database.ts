import type { DuckDBConnection } from '@duckdb/node-api';
import { openDatabase, type CourtyardDatabase } from '$pipelines/db/database.ts';

const poolSize = 4;

interface ServerDatabase {
	db: CourtyardDatabase;
	idle: DuckDBConnection[];
	waiting: ((connection: DuckDBConnection) => void)[];
}

let opening: Promise<ServerDatabase> | null = null;

/**
 * The server's one database handle, opened (and migrated) once at start-up, with a small pool of
 * read connections made up front: `connect()` can hang once every libuv thread is busy.
 */
function getServerDatabase(): Promise<ServerDatabase> {
	opening ??= (async () => {
		const db = await openDatabase();
		const idle: DuckDBConnection[] = [];
		for (let i = 0; i < poolSize; i++) idle.push(await db.connect());
		return { db, idle, waiting: [] };
	})();
	return opening;
}

export async function getDatabase(): Promise<CourtyardDatabase> {
	return (await getServerDatabase()).db;
}

/** Runs fn with a pooled read connection. */
export async function withConnection<T>(fn: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
	const server = await getServerDatabase();
	const connection =
		server.idle.pop() ?? (await new Promise<DuckDBConnection>((resolve) => server.waiting.push(resolve)));
	try {
		return await fn(connection);
	} finally {
		const next = server.waiting.shift();
		if (next) next(connection);
		else server.idle.push(connection);
	}
}
