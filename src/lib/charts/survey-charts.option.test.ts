import { describe, expect, it } from 'vitest';
import { buildDriverQuadrantOption } from './driver-quadrant.option.ts';
import { buildHeatmapOption } from './heatmap.option.ts';
import { readAxisData, readColumn, readSeries } from './option-test-helpers.ts';
import { buildStackedShareOption } from './stacked-share.option.ts';

describe('heatmap with muted (small-sample) cells', () => {
	const spec = buildHeatmapOption({
		rows: ['北苑', '小楼'],
		columns: ['清洁', '停车'],
		cells: [
			{ row: '北苑', column: '清洁', value: 0.8, note: 'n=120' },
			{ row: '北苑', column: '停车', value: 0.6, note: 'n=90' },
			{ row: '小楼', column: '清洁', value: 1, muted: true, note: 'n=9' }
		],
		rowLabel: 'area',
		columnLabel: 'dimension',
		valueLabel: 'rate',
		format: 'percent'
	});
	const series = readSeries(spec);

	it('draws small samples grey in a series the colour scale does not govern, never among the ranked cells', () => {
		expect(series).toHaveLength(2);
		expect((series[0].data as { row: string }[]).map((d) => d.row)).toEqual(['北苑', '北苑']);
		expect(series[1].data).toHaveLength(1);
		expect((spec.option as { visualMap: { seriesIndex: number; max: number } }).visualMap).toMatchObject({
			seriesIndex: 0,
			max: 0.8
		});
	});

	it('keeps every cell and its n in the table view', () => {
		expect(readColumn(spec, 'note')).toEqual(['n=120', 'n=90', 'n=9']);
		expect(readColumn(spec, 'value')).toEqual([0.8, 0.6, 1]);
	});
});

describe('buildStackedShareOption', () => {
	const spec = buildStackedShareOption(
		[
			{ label: 'Q1', counts: [6, 3, 1] },
			{ label: 'Q2', counts: [0, 0, 0] }
		],
		[
			{ key: 'satisfied', label: 'Satisfied', colour: 'green' },
			{ key: 'neutral', label: 'Neutral', colour: 'yellow' },
			{ key: 'dissatisfied', label: 'Dissatisfied', colour: 'red' }
		],
		'Question'
	);

	it('stacks each segment’s share of its row, matching the table, with zeros for an empty row', () => {
		const series = readSeries(spec);
		expect(series.map((s) => s.data)).toEqual([
			[0.6, 0],
			[0.3, 0],
			[0.1, 0]
		]);
		expect(readColumn(spec, 'satisfiedCount')).toEqual([6, 0]);
		expect(readColumn(spec, 'dissatisfiedShare')).toEqual([0.1, 0]);
		expect(readAxisData(spec, 'yAxis')).toEqual(['Q1', 'Q2']);
	});
});

describe('buildDriverQuadrantOption', () => {
	const spec = buildDriverQuadrantOption([
		{ label: 'Repairs', importance: 0.6, performance: 0.7, quadrant: 'priority', quadrantLabel: 'Fix first' },
		{ label: 'Parking', importance: 0.2, performance: 0.9, quadrant: 'maintain', quadrantLabel: 'Maintain' }
	]);

	it('plots performance across and importance up, with the means as cross-hairs', () => {
		const [series] = readSeries(spec);
		expect((series.data as { value: number[] }[]).map((d) => d.value)).toEqual([
			[0.7, 0.6],
			[0.9, 0.2]
		]);
		const lines = (series as unknown as { markLine: { data: Record<string, number>[] } }).markLine.data;
		expect(lines[0].xAxis).toBeCloseTo(0.8, 12);
		expect(lines[1].yAxis).toBeCloseTo(0.4, 12);
		expect(readColumn(spec, 'quadrant')).toEqual(['Fix first', 'Maintain']);
	});
});
