import { describe, expect, it } from 'vitest';
import { formatMoney, formatPercent, formatPointChange } from '$lib/i18n/format.ts';
import type { ArrearsDashboard } from '$lib/server/dashboards/arrears-dashboard.ts';
import type { ArrearsPlace } from '$lib/server/metrics/arrears-breakdown.ts';
import { agingBuckets, type AgingBucket } from '$lib/server/metrics/arrears-ledger.ts';
import type { CollectionRate } from '$lib/server/metrics/collection-rate.ts';
import {
	buildAgingByAreaChart,
	buildArrearsHeadlines,
	describePlaceRows,
	describeReconciliation,
	drillInto,
	drillOut,
	listBuckets,
	placeColumns,
	sumPlaceRows
} from './arrears-view.ts';

const figure = (numerator: number, denominator: number) => ({
	numerator,
	denominator,
	rate: denominator > 0 ? numerator / denominator : null
});

function collectionRate(paid: number, due: number, unitsPaid: number, units: number): CollectionRate {
	return {
		period: { start: '2026-10-01', end: '2026-11-01' },
		asOf: '2026-10-31',
		amount: figure(paid, due),
		household: figure(unitsPaid, units),
		notYetDue: false,
		excludedNotYetDue: { bills: 0, amountDue: 0 }
	};
}

const buckets = (values: number[]) =>
	Object.fromEntries(agingBuckets.map((bucket, index) => [bucket, values[index]])) as Record<
		AgingBucket,
		number
	>;

function place(area: string, values: number[], extra: Partial<ArrearsPlace> = {}): ArrearsPlace {
	const outstanding = values.reduce((sum, value) => sum + value, 0);
	return {
		area,
		building: null,
		unit: null,
		outstanding,
		outstandingOver180Days: values[3] + values[4],
		unitsInArrears: 2,
		billsPastDue: 3,
		buckets: buckets(values),
		...extra
	};
}

const dashboard = {
	reconciliation: {
		totalDue: 1000,
		totalPaid: 900.5,
		totalArrears: 120.25,
		totalOverpayments: -20.75,
		difference: 0,
		holds: true
	},
	aging: {
		buckets: agingBuckets.map((bucket, index) => ({
			bucket,
			arrears: [10, 20, 30, 40.25, 15][index],
			bills: 1
		})),
		dueToday: 5
	},
	collection: {
		current: collectionRate(800, 1000, 90, 100),
		previous: collectionRate(850, 1000, 80, 100),
		lastYear: collectionRate(700, 1000, 95, 100)
	},
	recovery: {
		period: { start: '2026-10-01', end: '2026-11-01' },
		asOf: '2026-10-31',
		periodStartAsOf: '2026-09-30',
		recovery: figure(30, 120),
		billsOpenAtStart: 7
	},
	periodAge: { current: 50, prior: 70.25, later: 0, total: 120.25 },
	units: { rows: [], totalRows: 12, page: 1, pageSize: 25, sort: { key: 'outstanding', direction: 'desc' } }
} satisfies Pick<
	ArrearsDashboard,
	'reconciliation' | 'aging' | 'collection' | 'recovery' | 'periodAge' | 'units'
>;

describe('describeReconciliation', () => {
	it('writes the invariant out with the scope’s numbers, overpayments as a credit', () => {
		const view = describeReconciliation(dashboard.reconciliation);
		for (const amount of [1000, 900.5, 120.25, -20.75]) expect(view.equation).toContain(formatMoney(amount));
		expect(view.figures.find((item) => item.id === 'overpayments')!.note).toContain(formatMoney(20.75));
		expect(view.holds).toBe(true);
		// Sub-cent float noise is no difference, and never prints as a negative zero.
		expect(describeReconciliation({ ...dashboard.reconciliation, difference: -1e-9 }).verdict).toContain(
			formatMoney(0)
		);
	});

	it('says so when the invariant does not hold, with the gap', () => {
		const view = describeReconciliation({ ...dashboard.reconciliation, difference: 3.5, holds: false });
		expect(view.holds).toBe(false);
		expect(view.verdict).toContain(formatMoney(3.5));
	});
});

describe('buildArrearsHeadlines', () => {
	const byId = (headlines: ReturnType<typeof buildArrearsHeadlines>) =>
		Object.fromEntries(headlines.map((headline) => [headline.id, headline]));

	it('takes > 180 days from the two oldest buckets and both rates with their parts and point changes', () => {
		const headlines = byId(buildArrearsHeadlines(dashboard));
		expect(headlines.total.value).toBe(formatMoney(120.25));
		expect(headlines['over-180'].value).toBe(formatMoney(55.25));
		expect(headlines['over-180'].parts).toContain(formatPercent(55.25 / 120.25));
		const amount = headlines['collection-amount'];
		expect(amount.value).toBe(formatPercent(0.8));
		expect(amount.parts).toContain(formatMoney(800));
		expect(amount.parts).toContain(formatMoney(1000));
		expect(amount.changes.map((change) => change.delta.text)).toEqual([
			formatPointChange(0.8 - 0.85),
			formatPointChange(0.8 - 0.7)
		]);
		expect(amount.changes.map((change) => change.delta.tone)).toEqual(['worse', 'better']);
		expect(headlines['collection-household'].changes.map((change) => change.delta.text)).toEqual([
			formatPointChange(0.1),
			formatPointChange(-0.05)
		]);
		expect(headlines.recovery.value).toBe(formatPercent(0.25));
		expect(headlines['prior-period'].value).toBe(formatMoney(70.25));
	});

	it('says "not yet due" instead of a rate when the period’s bills are not due', () => {
		const pending = {
			...dashboard.collection.current,
			amount: figure(0, 0),
			household: figure(0, 0),
			notYetDue: true
		};
		const headlines = byId(
			buildArrearsHeadlines({ ...dashboard, collection: { ...dashboard.collection, current: pending } })
		);
		expect(headlines['collection-amount'].value).not.toContain('%');
		expect(headlines['collection-amount'].changes.every((change) => change.delta.text === '—')).toBe(true);
	});
});

describe('the aging chart and the place drill', () => {
	const areas = [
		place('滨江一号', [5, 5, 5, 100, 300]),
		place('科技大厦', [10, 10, 10, 800, 1100]),
		place('阳光新城', [0, 0, 0, 0, 0])
	];

	it('ranks areas by arrears > 180 days, stacking the buckets in order, and leaves clean areas out', () => {
		const spec = buildAgingByAreaChart(areas, listBuckets(dashboard));
		expect(spec.table.rows.map((row) => row.label)).toEqual(['科技大厦', '滨江一号']);
		expect(spec.table.rows[0]['181-365']).toBe(800);
		expect(spec.table.rows[0].total).toBe(1930);
	});

	it('sums the place rows to the cent, and drills from an area into its buildings, then units', () => {
		const columns = placeColumns('area', listBuckets(dashboard));
		const rows = describePlaceRows(areas, 'area', listBuckets(dashboard));
		const totals = sumPlaceRows(rows, columns);
		expect(totals.outstanding).toBe(415 + 1930);
		expect(totals.over180).toBe(400 + 1900);
		expect(drillInto(rows[1], 'area')).toEqual({ area: ['科技大厦'] });
		const building = describePlaceRows(
			[place('科技大厦', [1, 1, 1, 1, 1], { building: '主楼' })],
			'building',
			[...agingBuckets]
		);
		expect(building[0].place).toBe('主楼');
		expect(drillInto(building[0], 'building')).toEqual({ building: ['主楼'] });
		expect(drillInto(building[0], 'unit')).toBeNull();
		expect(drillOut('area')).toBeNull();
		expect(drillOut('building')!.changes).toEqual({ area: null, building: null });
		expect(drillOut('unit')!.changes).toEqual({ building: null });
	});
});
