import { describe, expect, it } from 'vitest';
import { labelEnumeration } from '$lib/i18n/enum-labels.ts';
import type { CollectionRate } from '$lib/server/metrics/collection-rate.ts';
import { buildCollectionTrend, describeCollectionRow, describeFeeTypes } from './arrears-collection-view.ts';

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

describe('collection and fee types', () => {
	it('draws both bases per billing month, a month not yet due as a gap', () => {
		const months = [
			collectionRate(90, 100, 9, 10),
			{ ...collectionRate(0, 0, 0, 0), period: { start: '2026-11-01', end: '2026-12-01' }, notYetDue: true }
		];
		const spec = buildCollectionTrend(months);
		expect(spec.table.rows.map((row) => [row.month, row.series0, row.series1])).toEqual([
			['2026-10', 0.9, 0.9],
			['2026-11', null, null]
		]);
	});

	it('marks an area whose bills are not yet due', () => {
		const row = describeCollectionRow('A', { ...collectionRate(0, 0, 0, 0), notYetDue: true });
		expect(row.amountRate).toBeNull();
		expect(row.note).not.toBe('');
	});

	it('recomputes the total rate from the summed parts, not from the types’ rates', () => {
		const { rows, totals } = describeFeeTypes([
			{
				feeType: 'management',
				due: 900,
				paid: 810,
				outstanding: 90,
				collectionRate: figure(810, 900),
				outstandingAllPeriods: 200
			},
			{
				feeType: 'parking',
				due: 100,
				paid: 50,
				outstanding: 50,
				collectionRate: figure(50, 100),
				outstandingAllPeriods: 60
			}
		]);
		expect(totals.rate).toBeCloseTo(860 / 1000, 12);
		expect(totals.outstandingAll).toBe(260);
		// Fee types are stored by code; the reader sees them named.
		expect(rows.map((row) => row.feeType)).toEqual([
			labelEnumeration('feeType', 'management'),
			labelEnumeration('feeType', 'parking')
		]);
		expect(rows[0].feeType).not.toBe('management');
	});
});
