// Runs one ingest measurement (bench/measure-ingest.ts) in a child process, so its peak memory is its own.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

export interface Measurement {
	mode: string;
	rows: number;
	seconds: number;
	maxRssMb: number;
}

/**
 * `mode` is one of measure-ingest.ts's: 'ingest' into a new database, 'ingest-into' an existing one,
 * 'xlsx-read' or 'duckdb-read-csv'.
 */
export function measureIngest(mode: string, database: string, file: string): Measurement {
	// The built worker bundle is what the server and CLI run; the caller builds it so the measurement uses it.
	const output = execFileSync(
		process.execPath,
		['--import', 'tsx', 'bench/measure-ingest.ts', mode, database, file],
		{
			encoding: 'utf8',
			env: { ...process.env, COURTYARD_PARSE_WORKER: path.resolve('build/workers/parse-worker.mjs') }
		}
	);
	return JSON.parse(output.trim().split('\n').pop()!) as Measurement;
}

export function formatRate(rows: number, seconds: number): string {
	return Math.round(rows / seconds).toLocaleString('en-US');
}
