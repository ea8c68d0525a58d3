import { describe, expect, it } from 'vitest';
import { buildHeatmapOption, type HeatmapDatum } from './heatmap.option.ts';
import { readAxisData, readColumn, readSeries } from './option-test-helpers.ts';

const input = {
	rows: ['翠湖花园', '锦绣江南'],
	columns: ['lifts', 'noise', 'parking'],
	cells: [
		{ row: '锦绣江南', column: 'parking', value: 7 },
		{ row: '翠湖花园', column: 'noise', value: 12, flagged: true },
		{ row: '翠湖花园', column: 'lifts', value: 3 },
		{ row: '锦绣江南', column: 'lifts', value: 0 },
		{ row: '其他小区', column: 'lifts', value: 99 }
	],
	rowLabel: 'Area',
	columnLabel: 'Category',
	valueLabel: 'Complaints'
};

describe('buildHeatmapOption', () => {
	const spec = buildHeatmapOption(input);
	const data = readSeries(spec)[0].data as HeatmapDatum[];

	it('draws the same cells as the table, in the same order (row by row, column by column)', () => {
		expect(data.map((item) => item.value[2])).toEqual(readColumn(spec, 'value'));
		expect(data.map((item) => item.row)).toEqual(readColumn(spec, 'row'));
		expect(data.map((item) => item.column)).toEqual(readColumn(spec, 'column'));
		expect(readColumn(spec, 'value')).toEqual([3, 12, 0, 7]);
	});

	it('places each cell at its row and column on the axes', () => {
		const columns = readAxisData(spec, 'xAxis');
		const rows = readAxisData(spec, 'yAxis');
		for (const item of data) {
			expect(columns[item.value[0]]).toBe(item.column);
			expect(rows[item.value[1]]).toBe(item.row);
		}
	});

	it('gives each cell a click name row|column and the labels themselves for cross-filtering', () => {
		expect(data[1]).toMatchObject({
			name: '翠湖花园|noise',
			row: '翠湖花园',
			column: 'noise',
			flagged: true
		});
	});

	it('marks flagged cells in the picture and in the table, and only those', () => {
		expect(data.map((item) => item.itemStyle !== undefined)).toEqual([false, true, false, false]);
		expect(readColumn(spec, 'flagged').map((flag) => flag !== '')).toEqual([false, true, false, false]);
	});

	it('drops cells outside the given rows and columns', () => {
		expect(readColumn(spec, 'row')).not.toContain('其他小区');
	});

	it('has no rows when there are no cells', () => {
		expect(buildHeatmapOption({ ...input, cells: [] }).table.rows).toEqual([]);
	});
});
