import { describe, expect, it } from 'vitest';
import { readAxisData, readColumn, readSeries } from './option-test-helpers.ts';
import { buildTrendLineOption } from './trend-line.option.ts';

describe('buildTrendLineOption', () => {
	const input = {
		months: ['2026-08', '2026-09', '2026-10'],
		series: [
			{ name: 'Complaints', values: [120, 260, null], format: 'integer' as const },
			{ name: 'Closure rate', values: [0.91, 0.88, 0.95], format: 'percent' as const }
		],
		flaggedMonths: ['2026-09'],
		baseline: [130, 125, 128]
	};
	const spec = buildTrendLineOption(input);
	const series = readSeries(spec);

	it('draws one line per series plus the baseline, each equal to its table column', () => {
		expect(readAxisData(spec, 'xAxis')).toEqual(readColumn(spec, 'month'));
		expect(series.map((line) => line.data)).toEqual([
			readColumn(spec, 'series0'),
			readColumn(spec, 'series1'),
			readColumn(spec, 'baseline')
		]);
		expect(readColumn(spec, 'series0')).toEqual([120, 260, null]);
	});

	it('puts percent series on their own axis', () => {
		expect(series.map((line) => (line as unknown as { yAxisIndex: number }).yAxisIndex)).toEqual([0, 1, 0]);
	});

	it('pins the flagged months on the first series at the table’s value', () => {
		const pins = series[0].markPoint!.data;
		expect(pins.map((pin) => pin.coord)).toEqual([['2026-09', 260]]);
		expect(readColumn(spec, 'flagged').map((flag) => flag !== '')).toEqual([false, true, false]);
	});

	it('has no table rows when every value is missing', () => {
		const empty = buildTrendLineOption({
			months: ['2026-10'],
			series: [{ name: 'x', values: [null], format: 'integer' }]
		});
		expect(empty.table.rows).toEqual([]);
	});
});
