import { describe, expect, it } from 'vitest';
import {
	buildFollowUpExportHref,
	describeFollowUpRows,
	followUpColumns,
	toFollowUpSort
} from './arrears-units-view.ts';

describe('the follow-up list', () => {
	it('keys its rows by the sortable URL keys, and maps the server’s sort back to them', () => {
		const [row] = describeFollowUpRows([
			{
				unit: 'K-1203',
				area: '科技大厦',
				building: '主楼',
				outstanding: 1234.5,
				monthsOwed: 14,
				oldestUnpaidPeriod: '2025-08-01',
				lastPaymentAt: '2025-09-20',
				daysSinceLastPayment: 406
			}
		]);
		expect(Object.keys(row)).toEqual(followUpColumns().map((column) => column.key));
		expect(row.oldest_period).toBe('2025-08');
		expect(
			followUpColumns()
				.filter((column) => column.sortable)
				.every((column) => /^[a-z_]+$/.test(column.key))
		).toBe(true);
		expect(toFollowUpSort({ key: 'monthsOwed', direction: 'asc' })).toEqual({
			key: 'months_owed',
			direction: 'asc'
		});
		expect(toFollowUpSort({ key: 'outstanding', direction: 'desc' }).key).toBe('outstanding');
	});

	it('exports for the same query and sort, without the page', () => {
		const href = buildFollowUpExportHref(
			new URLSearchParams('asOf=2025-12-31&area=科技大厦&page=3&sort=unit')
		);
		const url = new URL(href, 'http://x');
		expect(url.pathname).toBe('/arrears/follow-up');
		expect(url.searchParams.get('page')).toBeNull();
		expect(url.searchParams.get('asOf')).toBe('2025-12-31');
		expect(url.searchParams.get('area')).toBe('科技大厦');
		expect(url.searchParams.get('sort')).toBe('unit');
	});
});
