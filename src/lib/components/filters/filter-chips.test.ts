import { describe, expect, it } from 'vitest';
import { dashboardFiltersSchema } from '$lib/filters/dashboard-filters.ts';
import { listFilterChips, removeFilterValue } from './filter-chips.ts';

describe('listFilterChips', () => {
	it('gives one chip per narrowing value, enumerations in the UI language, and none for defaults', () => {
		expect(listFilterChips(dashboardFiltersSchema.parse({}))).toEqual([]);
		const chips = listFilterChips(
			dashboardFiltersSchema.parse({ area: ['锦绣江南', '翠湖花园'], category: ['lifts'], validity: 'all' })
		);
		expect(chips.map((chip) => [chip.key, chip.value])).toEqual([
			['area', '锦绣江南'],
			['area', '翠湖花园'],
			['category', 'lifts'],
			['validity', 'all']
		]);
		// The catalogue's base language is Chinese: a category code is never shown raw.
		expect(chips[2].label).toBe('投诉类别: 电梯');
	});
});

describe('removeFilterValue', () => {
	it('drops exactly one value and the page, and keeps everything else', () => {
		const search = new URLSearchParams('period=this-quarter&area=A&area=B&page=4');
		expect(removeFilterValue(search, { key: 'area', value: 'A', label: '' })).toBe(
			'?period=this-quarter&area=B'
		);
	});
});
