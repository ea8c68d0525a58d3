import { describe, expect, it } from 'vitest';
import { readAxisData, readSeries } from '$lib/charts/option-test-helpers.ts';
import type { KpiTile } from '$lib/server/dashboards/kpi-tiles.ts';
import type { ReturnVisitFigures } from '$lib/server/dashboards/return-visit-dashboard.ts';
import {
	buildReturnVisitBreakdown,
	buildReturnVisitMonthTable,
	describeHeadline
} from './return-visit-view.ts';

const rate = (numerator: number, denominator: number) => ({
	numerator,
	denominator,
	rate: denominator > 0 ? numerator / denominator : null
});

function figures(satisfied: number, reached: number, visited: number, finished: number): ReturnVisitFigures {
	return {
		satisfaction: rate(satisfied, reached),
		visitRate: rate(visited, finished),
		visitOnTime: rate(Math.floor(visited / 2), finished)
	};
}

describe('buildReturnVisitBreakdown', () => {
	const groups = [
		{ key: '翠湖花园', ...figures(1, 4, 5, 10) },
		{ key: '锦绣江南', ...figures(90, 100, 110, 120) },
		{ key: null, ...figures(0, 0, 0, 3) }
	];

	it('totals the parts and recomputes the rate from them, never averaging the groups’ rates', () => {
		const { totals, rows } = buildReturnVisitBreakdown(groups, 'Area', 'complaints', 2);
		expect(rows).toHaveLength(3);
		expect(totals).toMatchObject({ satisfied: 91, reached: 104, visited: 115, finished: 133 });
		expect(totals.satisfaction).toBeCloseTo(91 / 104, 12);
		expect(totals.satisfaction).not.toBeCloseTo((1 / 4 + 90 / 100) / 2, 3);
		expect(totals.visitOnTime).toBeCloseTo((2 + 55) / 133, 12);
	});

	it('leaves a group without a reached visit out of the bars (no rate is not 0 %) but keeps it in the table', () => {
		const { spec, rows } = buildReturnVisitBreakdown(groups, 'Area', 'repairs', 2);
		expect(readAxisData(spec, 'yAxis')).toEqual(['翠湖花园', '锦绣江南']);
		expect(readSeries(spec)[0].data).toEqual([0.25, 0.9]);
		expect(rows[2]).toMatchObject({ satisfaction: null, reached: 0, finished: 3 });
	});
});

describe('describeHeadline', () => {
	it('shows each rate with its parts and its change in points against 环比 and 同比', () => {
		const headline = {
			tile: {} as KpiTile,
			current: figures(80, 100, 100, 125),
			previous: figures(75, 100, 100, 125),
			lastYear: figures(0, 0, 0, 0)
		};
		const [satisfaction, visits] = describeHeadline(headline, 2);
		expect(satisfaction).toMatchObject({ rate: 0.8, numerator: 80, denominator: 100 });
		expect(satisfaction.previous).toMatch(/^\+5[.,]0 pp$/);
		expect(satisfaction.lastYear).toBe('—');
		expect(visits).toMatchObject({ rate: 0.8, numerator: 100, denominator: 125, previous: '0.0 pp' });
	});
});

describe('buildReturnVisitMonthTable', () => {
	it('gives every month a row, months without visits as zero visits and no rate', () => {
		const { rows } = buildReturnVisitMonthTable(
			[{ key: '2026-08', ...figures(3, 4, 4, 4) }],
			[],
			['2026-08', '2026-09']
		);
		expect(rows).toHaveLength(2);
		expect(rows[0]).toMatchObject({ complaintsRate: 0.75, complaintsSatisfied: 3, complaintsReached: 4 });
		expect(rows[1]).toMatchObject({ complaintsRate: null, complaintsReached: 0, repairsReached: 0 });
	});
});
