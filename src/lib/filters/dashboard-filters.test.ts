import { describe, expect, it } from 'vitest';
import {
	parseDashboardFilters,
	resolveComparisonPeriod,
	resolvePeriod,
	serializeDashboardFilters,
	type DashboardFilters
} from './dashboard-filters.ts';

function parse(query: string): DashboardFilters {
	const result = parseDashboardFilters(new URLSearchParams(query));
	if (!result.ok) throw new Error(result.message);
	return result.filters;
}

describe('parseDashboardFilters', () => {
	it('fills defaults and reads repeated keys as lists', () => {
		expect(parse('area=翠湖花园&area=锦绣江南&category=lifts')).toMatchObject({
			period: 'this-month',
			compare: 'previous',
			validity: 'valid',
			area: ['翠湖花园', '锦绣江南'],
			category: ['lifts'],
			channel: []
		});
	});

	it('reads empty fields of a submitted filter form as not set', () => {
		const filters = parse('period=this-month&asOf=&from=&to=&area=&area=锦绣江南&category=');
		expect(filters.asOf).toBeUndefined();
		expect(filters.from).toBeUndefined();
		expect(filters.area).toEqual(['锦绣江南']);
		expect(filters.category).toEqual([]);
	});

	it('explains what is wrong instead of failing', () => {
		expect(parseDashboardFilters(new URLSearchParams('category=elevatorz'))).toMatchObject({
			ok: false,
			message: expect.stringMatching(/^Invalid filter — category\.0: /)
		});
		expect(parseDashboardFilters(new URLSearchParams('period=custom&from=2026-03-01'))).toEqual({
			ok: false,
			message: 'Invalid filter — from: a custom period needs both from and to'
		});
		expect(
			parseDashboardFilters(new URLSearchParams('period=custom&from=2026-03-09&to=2026-03-01'))
		).toMatchObject({
			ok: false,
			message: 'Invalid filter — to: to must not be before from'
		});
		expect(parseDashboardFilters(new URLSearchParams('asOf=yesterday'))).toMatchObject({ ok: false });
	});

	it('round-trips through the URL, leaving defaults out', () => {
		const filters = parse(
			'period=this-quarter&area=翠湖花园&severity=major&severity=urgent&compare=last-year'
		);
		const query = serializeDashboardFilters(filters);
		expect(query.toString()).toBe(
			new URLSearchParams(
				'period=this-quarter&compare=last-year&area=翠湖花园&severity=major&severity=urgent'
			).toString()
		);
		expect(parse(query.toString())).toEqual(filters);
	});
});

describe('resolvePeriod and resolveComparisonPeriod', () => {
	const asOf = '2026-10-31';
	it.each([
		[
			'period=this-month',
			{ start: '2026-10-01', end: '2026-11-01' },
			{ start: '2026-09-01', end: '2026-10-01' }
		],
		[
			'period=last-month',
			{ start: '2026-09-01', end: '2026-10-01' },
			{ start: '2026-08-01', end: '2026-09-01' }
		],
		[
			'period=this-quarter',
			{ start: '2026-10-01', end: '2027-01-01' },
			{ start: '2026-07-01', end: '2026-10-01' }
		],
		[
			'period=this-year',
			{ start: '2026-01-01', end: '2027-01-01' },
			{ start: '2025-01-01', end: '2026-01-01' }
		],
		[
			'period=custom&from=2026-03-10&to=2026-03-19',
			{ start: '2026-03-10', end: '2026-03-20' },
			{ start: '2026-02-28', end: '2026-03-10' }
		]
	])('%s', (query, period, previous) => {
		const filters = parse(query);
		expect(resolvePeriod(filters, asOf)).toEqual(period);
		expect(resolveComparisonPeriod(filters, resolvePeriod(filters, asOf))).toEqual(previous);
	});

	it('compares with the same period a year earlier (同比)', () => {
		const filters = parse('period=this-month&compare=last-year');
		expect(resolveComparisonPeriod(filters, resolvePeriod(filters, '2024-02-29'))).toEqual({
			start: '2023-02-01',
			end: '2023-03-01'
		});
	});
});
