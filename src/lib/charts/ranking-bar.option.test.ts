import { describe, expect, it } from 'vitest';
import { readAxisData, readColumn, readSeries } from './option-test-helpers.ts';
import { buildRankingBarOption } from './ranking-bar.option.ts';

describe('buildRankingBarOption', () => {
	const items = [
		{ label: '3 栋', value: 41 },
		{ label: '7 栋', value: 30 },
		{ label: '1 栋', value: 12 }
	];
	const spec = buildRankingBarOption(items, 'Complaints', { format: 'integer' });

	it('draws the same values as the table, in the caller’s order', () => {
		expect(readSeries(spec)[0].data).toEqual(readColumn(spec, 'value'));
		expect(readAxisData(spec, 'yAxis')).toEqual(readColumn(spec, 'label'));
		expect(readColumn(spec, 'value')).toEqual([41, 30, 12]);
	});

	it('labels the value column and keeps the format for the table view', () => {
		const percent = buildRankingBarOption([{ label: 'a', value: 0.25 }], 'Rate', { format: 'percent' });
		expect(percent.table.columns[1]).toEqual({ key: 'value', label: 'Rate', format: 'percent' });
	});
});
