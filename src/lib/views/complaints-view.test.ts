import { describe, expect, it } from 'vitest';
import { buildMixCharts, describeMonthPeriod } from './complaints-view.ts';

describe('describeMonthPeriod', () => {
	it('turns a month into the custom period covering it, leap years included', () => {
		expect(describeMonthPeriod('2026-02')).toEqual({
			period: 'custom',
			from: '2026-02-01',
			to: '2026-02-28'
		});
		expect(describeMonthPeriod('2028-02')).toEqual({
			period: 'custom',
			from: '2028-02-01',
			to: '2028-02-29'
		});
		expect(describeMonthPeriod('2026-12')).toEqual({
			period: 'custom',
			from: '2026-12-01',
			to: '2026-12-31'
		});
	});
});

describe('buildMixCharts', () => {
	it('leads a clicked bar back to the code it shows, whatever the UI language', () => {
		const [channel, , validity] = buildMixCharts({
			byChannel: [
				{ key: 'phone', count: 3 },
				{ key: 'visit', count: 1 }
			],
			bySeverity: [{ key: 'general', count: 4 }],
			byValidity: [{ key: 'invalid', count: 1 }],
			topBuildings: []
		});
		const phoneLabel = channel.spec.table.rows[0][channel.spec.table.columns[0].key] as string;
		expect(channel.codeOf(phoneLabel)).toBe('phone');
		expect(channel.codeOf('no such label')).toBeUndefined();
		const invalidLabel = validity.spec.table.rows[0][validity.spec.table.columns[0].key] as string;
		expect(validity.codeOf(invalidLabel)).toBe('invalid');
	});
});
