import { describe, expect, it } from 'vitest';
import { buildSparklinePath } from './sparkline-path.ts';

describe('buildSparklinePath', () => {
	it('scales the lowest value to the bottom and the highest to the top', () => {
		expect(buildSparklinePath([0, 10], 100, 20)).toBe('M0.0 19.0L100.0 1.0');
	});
	it('breaks the line at months without a value instead of drawing zero', () => {
		expect(buildSparklinePath([1, null, 1, 2], 30, 20)).toBe('M0.0 19.0M20.0 19.0L30.0 1.0');
	});
	it('draws a flat series mid-way rather than dividing by zero', () => {
		expect(buildSparklinePath([5, 5], 10, 20)).toBe('M0.0 19.0L10.0 19.0');
	});
	it('draws nothing without values', () => {
		expect(buildSparklinePath([null, null], 10, 20)).toBe('');
	});
});
