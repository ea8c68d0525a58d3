// One measurement in a process of its own, so its peak memory is its own: prints a JSON line.
import fs from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { openDatabase } from '../pipelines/db/database.ts';
import { ingestFile } from '../pipelines/load/ingest-file.ts';
import { benchHeader } from './complaints-fixture.ts';
import { cliLimits } from '../pipelines/load/limits.ts';
import { readXlsxRows } from '../pipelines/readers/xlsx.reader.ts';

const [mode, dbPath, filePath] = process.argv.slice(2);
// 'ingest-into' loads into the database as it is (a copy of the demo's, for a survey wave beside its waves).
if (mode !== 'ingest-into') {
	fs.rmSync(dbPath, { force: true });
	fs.rmSync(dbPath + '.wal', { force: true });
}
let started = performance.now();
let rows = 0;
if (mode === 'duckdb-read-csv') {
	// DuckDB's own reader into a typed table of the same file: the physical limit on this machine.
	const instance = await DuckDBInstance.create(dbPath);
	const connection = await instance.connect();
	const types = [
		'VARCHAR',
		'TIMESTAMP',
		...Array(9).fill('VARCHAR'),
		'TIMESTAMP',
		'TIMESTAMP',
		'VARCHAR',
		'VARCHAR'
	];
	const columns = benchHeader.map((h, i) => `'${h}': '${types[i]}'`).join(', ');
	await connection.run(
		`CREATE TABLE complaints_raw AS SELECT * FROM read_csv('${filePath}', header = true, columns = {${columns}})`
	);
	await connection.run('CHECKPOINT');
	const counted = await connection.runAndReadAll('SELECT count(*)::INTEGER AS n FROM complaints_raw');
	rows = Number(counted.getRowObjectsJS()[0].n);
	connection.closeSync();
	instance.closeSync();
} else if (mode === 'xlsx-read') {
	// The reader's streaming read of the workbook (after the zip checks), with no ingest work at all.
	for await (const chunk of readXlsxRows(filePath, { limits: cliLimits, info: { format: 'xlsx' } }))
		rows += chunk.length;
	rows -= 1;
} else {
	const db = await openDatabase(dbPath);
	// The ingest itself, not the creation of an empty database.
	started = performance.now();
	const result = await ingestFile(db, { filePath, uploadedBy: 'bench', source: 'cli' });
	if (result.status !== 'loaded') throw new Error(`bench ingest ${result.status}: ${result.message}`);
	rows = result.rowsLoaded;
	db.close();
}
const seconds = (performance.now() - started) / 1000;
console.log(
	JSON.stringify({ mode, rows, seconds, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })
);
