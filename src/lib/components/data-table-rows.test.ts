import { describe, expect, it } from 'vitest';
import { buildVisibleTable, sortRows, toggleSort, type DataTableColumn } from './data-table-rows.ts';

const rows = [
	{ name: '锦绣江南', count: 3, day: '2026-10-02', open: true },
	{ name: 'b', count: null, day: '2026-10-01', open: false },
	{ name: 'a10', count: -1, day: null, open: false },
	{ name: 'a9', count: 12, day: '2026-10-03', open: true }
];

describe('sortRows', () => {
	it('sorts numbers numerically both ways, empty cells last', () => {
		expect(sortRows(rows, { key: 'count', direction: 'asc' }, 'en').map((row) => row.count)).toEqual([
			-1,
			3,
			12,
			null
		]);
		expect(sortRows(rows, { key: 'count', direction: 'desc' }, 'en').map((row) => row.count)).toEqual([
			12,
			3,
			-1,
			null
		]);
	});

	it('sorts text with numbers inside in reading order, and leaves the input alone', () => {
		expect(
			sortRows(rows, { key: 'name', direction: 'asc' }, 'en')
				.map((row) => row.name)
				.slice(0, 3)
		).toEqual(['a9', 'a10', 'b']);
		expect(rows[0].name).toBe('锦绣江南');
	});

	it('toggles ascending, descending, and starts ascending on another column', () => {
		expect(toggleSort(undefined, 'a')).toEqual({ key: 'a', direction: 'asc' });
		expect(toggleSort({ key: 'a', direction: 'asc' }, 'a')).toEqual({ key: 'a', direction: 'desc' });
		expect(toggleSort({ key: 'a', direction: 'desc' }, 'b')).toEqual({ key: 'b', direction: 'asc' });
	});
});

describe('buildVisibleTable', () => {
	const columns: DataTableColumn[] = [
		{ key: 'name', label: 'Name' },
		{ key: 'count', label: 'Count', format: 'integer' },
		{ key: 'day', label: 'Day', format: 'day' }
	];

	it('keeps figures as numbers, dates as shown, and the totals row', () => {
		const table = buildVisibleTable('x', columns, rows.slice(0, 3), { name: 'Total', count: 2, day: null });
		expect(table.columns.map((column) => column.label)).toEqual(['Name', 'Count', 'Day']);
		expect(table.rows.map((row) => row.count)).toEqual([3, null, -1]);
		expect(typeof table.rows[0].day).toBe('string');
		expect(table.rows[0].day).toMatch(/2026/);
		expect(table.rows[2].day).toBeNull();
		expect(table.totals).toEqual({ name: 'Total', count: 2, day: null });
	});
});
