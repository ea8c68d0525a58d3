// One-off check of the arrears metrics on a loaded demo database (not part of the tests, which must not depend
// on a demo file): `npx tsx bench/arrears-metrics.ts PATH.duckdb [samples]`. Run it on a COPY (the file is
// opened read-only, but DuckDB may still want to replay a .wal beside it). Prints the planted pattern 3 of
// pipelines/demo/PATTERNS.md (科技大厦 leads the arrears > 180 days) and p50/p95 of every metric function.
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { dashboardFiltersSchema, type DateRange } from '../src/lib/filters/dashboard-filters.ts';
import {
	computeArrearsByFeeType,
	computeArrearsByPlace,
	computeArrearsReconciliation
} from '../src/lib/server/metrics/arrears-breakdown.ts';
import { computeArrearsByAging, computeArrearsTotals } from '../src/lib/server/metrics/arrears-ledger.ts';
import {
	computeArrearsByPeriodAge,
	computeArrearsRecovery,
	computeUnitsNewlyInArrears
} from '../src/lib/server/metrics/arrears-recovery.ts';
import { listArrearsUnits } from '../src/lib/server/metrics/arrears-units.ts';
import {
	computeCollectionRate,
	computeCollectionRateByArea,
	computeCollectionRateByMonth,
	computeCollectionRateComparison
} from '../src/lib/server/metrics/collection-rate.ts';
import type { AreaScope } from '../src/lib/server/scope.ts';

const [file, samplesText] = process.argv.slice(2);
if (!file) throw new Error('usage: npx tsx bench/arrears-metrics.ts PATH.duckdb [samples]');
const samples = Number(samplesText ?? 10);

const asOf = '2026-10-31';
const quarter: DateRange = { start: '2026-08-01', end: '2026-11-01' };
const filters = dashboardFiltersSchema.parse({ period: 'this-quarter', asOf });
const everywhere: AreaScope = { kind: 'all' };
const yuan = (amount: number) => `¥${Math.round(amount).toLocaleString('en-US')}`;
const percent = (rate: number | null) => (rate === null ? '–' : `${(rate * 100).toFixed(1)} %`);

async function checkPattern(connection: DuckDBConnection): Promise<void> {
	const areas = await computeArrearsByPlace(connection, filters, everywhere, asOf, 'area');
	const byOld = [...areas].sort((a, b) => b.outstandingOver180Days - a.outstandingOver180Days);
	console.log(`Arrears > 180 days past due at ${asOf}, by area:`);
	for (const area of byOld)
		console.log(
			`  ${area.area.padEnd(8, '　')} ${yuan(area.outstandingOver180Days).padStart(12)}  (buckets ${Object.values(
				area.buckets
			)
				.map(yuan)
				.join(' / ')})`
		);
	const leader = byOld[0];
	const expected = 1_990_368;
	const close = leader.area === '科技大厦' && Math.abs(leader.outstandingOver180Days - expected) < 1;
	console.log(
		`科技大厦 leads with ${yuan(leader.outstandingOver180Days)} (PATTERNS.md: ${yuan(expected)}): ${close ? 'PASS' : 'FAIL'}`
	);
	const year2025 = { start: '2025-01-01', end: '2026-01-01' };
	const collection = await computeCollectionRateByArea(connection, filters, everywhere, asOf, year2025);
	console.log(
		`2025 bills collected by ${asOf} (amount basis): ${collection
			.map((row) => `${row.area} ${percent(row.amount.rate)}`)
			.join(', ')}`
	);
	const check = await computeArrearsReconciliation(connection, filters, everywhere, asOf);
	console.log(`Reconciliation: difference ${check.difference.toFixed(6)}, holds: ${check.holds}`);
}

const metrics: Record<string, (connection: DuckDBConnection) => Promise<unknown>> = {
	'computeArrearsTotals (existing)': (c) => computeArrearsTotals(c, filters, everywhere, asOf),
	'computeArrearsByAging (existing)': (c) => computeArrearsByAging(c, filters, everywhere, asOf),
	computeCollectionRate: (c) => computeCollectionRate(c, filters, everywhere, asOf, quarter),
	computeCollectionRateComparison: (c) =>
		computeCollectionRateComparison(c, filters, everywhere, asOf, quarter),
	computeCollectionRateByMonth: (c) => computeCollectionRateByMonth(c, filters, everywhere, asOf, quarter),
	computeCollectionRateByArea: (c) => computeCollectionRateByArea(c, filters, everywhere, asOf, quarter),
	computeArrearsRecovery: (c) => computeArrearsRecovery(c, filters, everywhere, asOf, quarter),
	computeArrearsByPeriodAge: (c) => computeArrearsByPeriodAge(c, filters, everywhere, asOf, quarter),
	computeArrearsByFeeType: (c) => computeArrearsByFeeType(c, filters, everywhere, asOf, quarter),
	'computeArrearsByPlace area': (c) => computeArrearsByPlace(c, filters, everywhere, asOf, 'area'),
	'computeArrearsByPlace unit': (c) => computeArrearsByPlace(c, filters, everywhere, asOf, 'unit'),
	listArrearsUnits: (c) => listArrearsUnits(c, filters, everywhere, asOf, { page: 1 }),
	computeUnitsNewlyInArrears: (c) => computeUnitsNewlyInArrears(c, filters, everywhere, asOf, quarter),
	computeArrearsReconciliation: (c) => computeArrearsReconciliation(c, filters, everywhere, asOf)
};

function percentile(sorted: number[], p: number): number {
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
const connection = await instance.connect();
try {
	await checkPattern(connection);
	console.log(
		`\nTime per call on ${file} (${samples} samples after one warm-up; the machine may be shared):`
	);
	for (const [name, run] of Object.entries(metrics)) {
		await run(connection);
		const times: number[] = [];
		const cpuStart = process.cpuUsage();
		for (let i = 0; i < samples; i++) {
			const start = performance.now();
			await run(connection);
			times.push(performance.now() - start);
		}
		const cpu = process.cpuUsage(cpuStart);
		times.sort((a, b) => a - b);
		// CPU time (all DuckDB threads) does not grow with other load on the machine, unlike wall time.
		const cpuMs = (cpu.user + cpu.system) / 1000 / samples;
		console.log(
			`  ${name.padEnd(34)} p50 ${percentile(times, 50).toFixed(0).padStart(5)} ms   p95 ${percentile(
				times,
				95
			)
				.toFixed(0)
				.padStart(5)} ms   CPU ${cpuMs.toFixed(0).padStart(5)} ms/call`
		);
	}
} finally {
	connection.closeSync();
	instance.closeSync();
}
