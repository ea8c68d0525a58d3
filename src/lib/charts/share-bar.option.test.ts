import { describe, expect, it } from 'vitest';
import { readAxisData, readColumn, readSeries } from './option-test-helpers.ts';
import { buildShareBarOption } from './share-bar.option.ts';

describe('buildShareBarOption', () => {
	const spec = buildShareBarOption([
		{ label: 'phone', value: 60 },
		{ label: 'app', value: 30 },
		{ label: 'walk-in', value: 10 }
	]);
	const data = readSeries(spec)[0].data as { value: number; count: number }[];

	it('draws each item’s share and carries its count, as in the table', () => {
		expect(data.map((item) => item.value)).toEqual(readColumn(spec, 'share'));
		expect(data.map((item) => item.count)).toEqual(readColumn(spec, 'value'));
		expect(readAxisData(spec, 'yAxis')).toEqual(readColumn(spec, 'label'));
		expect(readColumn(spec, 'share')).toEqual([0.6, 0.3, 0.1]);
	});

	it('gives zero shares rather than NaN when the total is zero', () => {
		const zero = buildShareBarOption([{ label: 'a', value: 0 }]);
		expect(readColumn(zero, 'share')).toEqual([0]);
	});
});
