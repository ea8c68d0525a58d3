import { describe, expect, it } from 'vitest';
import { buildHistogramOption } from './histogram.option.ts';
import { readAxisData, readColumn, readSeries } from './option-test-helpers.ts';

describe('buildHistogramOption', () => {
	const bins = [
		{ label: '0–4 h', count: 50 },
		{ label: '4–8 h', count: 31 },
		{ label: '8–24 h', count: 9 },
		{ label: '> 24 h', count: 4 }
	];
	const spec = buildHistogramOption({ bins, slaLineAt: '8–24 h', slaLabel: 'SLA 24 h' });

	it('draws the same counts as the table, bin by bin', () => {
		expect(readSeries(spec)[0].data).toEqual(readColumn(spec, 'count'));
		expect(readAxisData(spec, 'xAxis')).toEqual(readColumn(spec, 'bin'));
		expect(readColumn(spec, 'count')).toEqual([50, 31, 9, 4]);
	});

	it('draws the SLA line at the named bin, and none when the bin is unknown', () => {
		expect(readSeries(spec)[0].markLine!.data).toEqual([{ xAxis: '8–24 h' }]);
		const unknown = buildHistogramOption({ bins, slaLineAt: '99 h' });
		expect(readSeries(unknown)[0].markLine).toBeUndefined();
	});
});
