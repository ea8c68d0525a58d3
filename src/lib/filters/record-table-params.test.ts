import { describe, expect, it } from 'vitest';
import { parseRecordTableParams } from './record-table-params.ts';

describe('parseRecordTableParams', () => {
	it('defaults to the first page, newest first', () => {
		expect(parseRecordTableParams(new URLSearchParams(''))).toEqual({
			ok: true,
			params: { page: 1, dir: 'desc' }
		});
	});
	it('reads page, sort and direction, ignoring the dashboard filters', () => {
		expect(parseRecordTableParams(new URLSearchParams('area=A&page=3&sort=area&dir=asc'))).toEqual({
			ok: true,
			params: { page: 3, sort: 'area', dir: 'asc' }
		});
	});
	it('refuses a page that is not a positive number and a sort that is not a column key', () => {
		for (const query of ['page=0', 'page=abc', 'sort=area;DROP', 'dir=sideways']) {
			const result = parseRecordTableParams(new URLSearchParams(query));
			expect(result.ok, query).toBe(false);
			if (!result.ok) expect(result.message).toMatch(/^Invalid table parameter — /);
		}
	});
});
