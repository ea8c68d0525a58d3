// `npm run bench`: ingest speed and memory against the targets of the foundation issue (not part of the tests).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { writeBenchCsv, writeBenchXlsx } from './complaints-fixture.ts';
import { runDashboardBench } from './dashboards.bench.ts';
import { formatRate, measureIngest, type Measurement } from './ingest-measurement.ts';
import { runSurveyBench } from './surveys.bench.ts';

/** `BENCH_ONLY=ingest`, `BENCH_ONLY=dashboards` or `BENCH_ONLY=surveys` runs one part. */
const only = process.env.BENCH_ONLY;

const outDir = path.resolve('bench', 'out');
fs.mkdirSync(outDir, { recursive: true });
const csvRows = Number(process.env.BENCH_CSV_ROWS ?? 1_000_000);
const xlsxRows = Number(process.env.BENCH_XLSX_ROWS ?? 200_000);
const csvFile = path.join(outDir, `complaints-${csvRows}.csv`);
const xlsxFile = path.join(outDir, `complaints-${xlsxRows}.xlsx`);

function measure(mode: string, file: string): Measurement {
	return measureIngest(mode, path.join(outDir, `${mode}.duckdb`), file);
}

async function runIngestBench(): Promise<void> {
	if (!fs.existsSync(csvFile)) writeBenchCsv(csvFile, csvRows);
	if (!fs.existsSync(xlsxFile)) await writeBenchXlsx(xlsxFile, xlsxRows);
	execFileSync(process.execPath, ['scripts/build-workers.mjs'], { stdio: 'inherit' });
	const sizeMb = (fs.statSync(csvFile).size / 1024 / 1024).toFixed(0);
	const physical = measure('duckdb-read-csv', csvFile);
	const ours = measure('ingest', csvFile);
	const xlsxRead = measure('xlsx-read', xlsxFile);
	const xlsx = measure('ingest', xlsxFile);
	const rate = (m: Measurement) => formatRate(m.rows, m.seconds);
	const ratio = ours.seconds / physical.seconds;

	console.log(
		`\nIngest benchmark (${csvRows.toLocaleString('en-US')} complaint rows, ${sizeMb} MB CSV; one run)`
	);
	console.log(
		`(a) DuckDB read_csv into a typed table   ${physical.seconds.toFixed(2)} s  ${rate(physical)} rows/s`
	);
	console.log(`(b) Courtyard ingest (decode, parse,      ${ours.seconds.toFixed(2)} s  ${rate(ours)} rows/s`);
	console.log(
		`    validate, load, checkpoint)           ratio b/a = ${ratio.toFixed(2)}× (target ≤ 3×) ${ratio <= 3 ? 'PASS' : 'FAIL'}`
	);
	console.log(
		`(c) XLSX ingest, ${xlsxRows.toLocaleString('en-US')} rows              ${xlsx.seconds.toFixed(2)} s  ${rate(xlsx)} rows/s ` +
			`(target ≥ 20,000) ${xlsx.rows / xlsx.seconds >= 20_000 ? 'PASS' : 'FAIL'}; peak RSS ${xlsx.maxRssMb} MB ` +
			`(target < 1,024) ${xlsx.maxRssMb < 1024 ? 'PASS' : 'FAIL'}`
	);
	console.log(
		`    for reference: streaming read of the same workbook alone ${xlsxRead.seconds.toFixed(2)} s  ${rate(xlsxRead)} rows/s`
	);
}

if (only === undefined || only === 'ingest') await runIngestBench();
if (only === undefined || only === 'dashboards') await runDashboardBench();
if (only === undefined || only === 'surveys') await runSurveyBench();
