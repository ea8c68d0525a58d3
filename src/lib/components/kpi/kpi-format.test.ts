import { describe, expect, it } from 'vitest';
import { describeKpiDelta } from './kpi-format.ts';

describe('describeKpiDelta', () => {
	it('gives rates in percentage points and colours a rise as good news', () => {
		expect(describeKpiDelta({ format: 'percent', better: 'higher' }, 0.9, 0.85)).toEqual({
			text: '+5.0 pp',
			tone: 'better'
		});
	});
	it('gives counts as a relative change and colours more complaints as bad news', () => {
		const delta = describeKpiDelta({ format: 'integer', better: 'lower' }, 120, 100);
		expect(delta.tone).toBe('worse');
		expect(delta.text).toMatch(/^\+20(\.0)?%$/);
	});
	it('says nothing when there is nothing to compare with', () => {
		expect(describeKpiDelta({ format: 'integer', better: 'lower' }, 5, 0).tone).toBe('none');
		expect(describeKpiDelta({ format: 'percent', better: 'higher' }, null, 0.5).tone).toBe('none');
	});
});
