import { describe, expect, it } from 'vitest';
import { readAxisData, readColumn, readSeries } from './option-test-helpers.ts';
import { buildSparklineOption } from './sparkline.option.ts';

describe('buildSparklineOption', () => {
	const spec = buildSparklineOption([5, null, 9], ['2026-08', '2026-09', '2026-10']);

	it('draws the table’s values month by month, gaps kept', () => {
		expect(readSeries(spec)[0].data).toEqual(readColumn(spec, 'value'));
		expect(readAxisData(spec, 'xAxis')).toEqual(readColumn(spec, 'month'));
		expect(readColumn(spec, 'value')).toEqual([5, null, 9]);
	});

	it('is empty when there is no value at all', () => {
		expect(buildSparklineOption([null], ['2026-10']).table.rows).toEqual([]);
	});
});
