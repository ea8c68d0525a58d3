import { describe, expect, it } from 'vitest';
import { buildFilterLink } from './filter-links.ts';

describe('buildFilterLink', () => {
	it('replaces the changed filters, keeps the others and restarts paging', () => {
		const search = new URLSearchParams('period=this-quarter&area=A&area=B&page=3&sort=area');
		expect(buildFilterLink(search, { area: ['锦绣江南'], category: 'lifts' })).toBe(
			`?period=this-quarter&sort=area&area=${encodeURIComponent('锦绣江南')}&category=lifts`
		);
	});
	it('keeps the filters when only the table state changes', () => {
		const search = new URLSearchParams('area=A&page=2');
		expect(buildFilterLink(search, { page: '3' })).toBe('?area=A&page=3');
	});
	it('removes a key given null', () => {
		expect(buildFilterLink(new URLSearchParams('area=A'), { area: null })).toBe('?');
	});
});
