/**
 * Throughput and memory of the XLSX reader: writes a 200,000-row × 20-column workbook with exceljs's
 * streaming writer, then reads it in a fresh child process so that peak RSS belongs to the reader alone.
 *
 *   npx tsx bench/xlsx-reader.bench.ts [rows] [--keep]
 *
 * --keep reuses the generated workbook from an earlier run (it is written to the OS temp directory).
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { readXlsxRows } from '../pipelines/readers/xlsx.reader.ts';
import type { ReaderInfo } from '../pipelines/readers/sheet-row.ts';
import { inspectXlsxArchive } from '../pipelines/readers/zip-guard.ts';

const COLUMNS = 20;
const LIMITS = {
	maxRows: 1_000_000,
	maxColumns: 1_000,
	maxZipEntries: 10_000,
	maxUncompressedBytes: 4_000_000_000
};

interface ReadResult {
	rows: number;
	guardSeconds: number;
	readSeconds: number;
	cpuSeconds: number;
	maxRssMb: number;
}

async function writeWorkbook(filePath: string, rows: number): Promise<void> {
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
		filename: filePath,
		useSharedStrings: true,
		useStyles: true
	});
	const sheet = workbook.addWorksheet('Work orders');
	sheet.addRow(Array.from({ length: COLUMNS }, (_, column) => `Column ${column + 1}`)).commit();
	for (let index = 0; index < rows; index++) {
		const values: ExcelJS.CellValue[] = [];
		for (let column = 0; column < COLUMNS; column++) values.push(makeValue(index, column));
		const row = sheet.addRow(values);
		for (let column = 2; column < COLUMNS; column += 4) row.getCell(column + 1).numFmt = 'yyyy-mm-dd';
		row.commit();
	}
	sheet.commit();
	await workbook.commit();
}

/** A mix like a work-order export: text, amounts, dates and small integers. */
function makeValue(row: number, column: number): ExcelJS.CellValue {
	switch (column % 4) {
		case 0:
			return `Building ${row % 300} unit ${(row * 7 + column) % 1000}`;
		case 1:
			return Math.round((row * 13.7 + column) * 100) / 100;
		case 2:
			return new Date(Date.UTC(2024, 0, 1 + (row % 365), 9, 30));
		default:
			return row % 11;
	}
}

async function measureRead(filePath: string): Promise<ReadResult> {
	const guardStart = performance.now();
	await inspectXlsxArchive(filePath, LIMITS);
	const guardSeconds = (performance.now() - guardStart) / 1000;

	const cpuStart = process.cpuUsage();
	const readStart = performance.now();
	const info = { format: 'xlsx' } as ReaderInfo;
	let rows = 0;
	for await (const batch of readXlsxRows(filePath, { limits: LIMITS, info })) rows += batch.length;
	const readSeconds = (performance.now() - readStart) / 1000;
	const cpu = process.cpuUsage(cpuStart);
	return {
		rows,
		guardSeconds,
		readSeconds,
		cpuSeconds: (cpu.user + cpu.system) / 1e6,
		maxRssMb: process.resourceUsage().maxRSS / 1024
	};
}

function readInChild(filePath: string): Promise<ReadResult> {
	return new Promise((resolve, reject) => {
		const child = fork(fileURLToPath(import.meta.url), ['--child', filePath], { execArgv: process.execArgv });
		child.once('message', (message) => resolve(message as ReadResult));
		child.once('error', reject);
		child.once('exit', (code) => {
			if (code !== 0) reject(new Error(`reader process exited with code ${code}`));
		});
	});
}

async function runBenchmark(): Promise<void> {
	const rows = Number(process.argv.find((argument) => /^\d+$/.test(argument)) ?? 200_000);
	const filePath = path.join(os.tmpdir(), `courtyard-bench-${rows}x${COLUMNS}.xlsx`);
	if (!process.argv.includes('--keep') || !fs.existsSync(filePath)) {
		const writeStart = performance.now();
		await writeWorkbook(filePath, rows);
		const seconds = (performance.now() - writeStart) / 1000;
		console.log(`wrote ${rows} rows × ${COLUMNS} columns in ${seconds.toFixed(1)} s → ${filePath}`);
	}
	const sizeMb = fs.statSync(filePath).size / 1e6;
	const result = await readInChild(filePath);
	const rowsPerSecond = Math.round(result.rows / result.readSeconds);
	console.log(`file size            ${sizeMb.toFixed(1)} MB`);
	console.log(`guard alone          ${result.guardSeconds.toFixed(2)} s`);
	console.log(
		`read (guard + rows)  ${result.readSeconds.toFixed(2)} s wall, ${result.cpuSeconds.toFixed(2)} s CPU`
	);
	console.log(`throughput           ${rowsPerSecond.toLocaleString('en')} rows/s (${result.rows} rows)`);
	console.log(`peak RSS (reader)    ${result.maxRssMb.toFixed(0)} MB`);
	console.log(`load average         ${os.loadavg()[0].toFixed(2)} on ${os.cpus().length} CPUs`);
}

if (process.argv.includes('--child')) {
	const filePath = process.argv[process.argv.indexOf('--child') + 1];
	const result = await measureRead(filePath);
	process.send?.(result);
} else {
	await runBenchmark();
}
