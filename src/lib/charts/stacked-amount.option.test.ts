import { describe, expect, it } from 'vitest';
import { readAxisData, readColumn, readSeries } from './option-test-helpers.ts';
import { buildStackedAmountOption } from './stacked-amount.option.ts';

describe('buildStackedAmountOption', () => {
	const segments = [
		{ key: 'young', label: '1–30', colour: '#1f6f5c' },
		{ key: 'old', label: '> 365', colour: '#c0392b' }
	];
	const rows = [
		{ label: '科技大厦', values: [166412.5, 1130717] },
		{ label: '滨江一号', values: [84973, 301654.25] }
	];
	const spec = buildStackedAmountOption(rows, segments, { itemLabel: 'Area' });

	it('stacks one series per segment, each equal to its table column, rows in the caller’s order', () => {
		const series = readSeries(spec);
		expect(series.map((line) => line.name)).toEqual(['1–30', '> 365']);
		expect(series.map((line) => (line as unknown as { stack: string }).stack)).toEqual(['amount', 'amount']);
		expect(series[0].data).toEqual(readColumn(spec, 'young'));
		expect(series[1].data).toEqual(readColumn(spec, 'old'));
		expect(readAxisData(spec, 'yAxis')).toEqual(['科技大厦', '滨江一号']);
	});

	it('gives each row its total in the table, as money unless told otherwise', () => {
		expect(readColumn(spec, 'total')).toEqual([166412.5 + 1130717, 84973 + 301654.25]);
		expect(spec.table.columns.map((column) => column.format)).toEqual(['text', 'money', 'money', 'money']);
		const counts = buildStackedAmountOption(rows, segments, { itemLabel: 'Area', format: 'integer' });
		expect(counts.table.columns[1].format).toBe('integer');
	});

	it('draws a missing segment value as zero', () => {
		const short = buildStackedAmountOption([{ label: 'x', values: [5] }], segments, { itemLabel: 'Area' });
		expect(readSeries(short)[1].data).toEqual([0]);
		expect(readColumn(short, 'total')).toEqual([5]);
	});
});
