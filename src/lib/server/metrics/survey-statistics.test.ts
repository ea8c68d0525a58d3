import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	classifyDriverQuadrants,
	computeCorrelation,
	computeNormalCdf,
	computeWilsonInterval,
	planSampleSize,
	scaleIndex,
	testTwoProportions
} from './survey-statistics.ts';

const z95 = 1.959963984540054;

/** The Wilson interval in its textbook form, with the finite-population correction as an effective n = n / f². */
function computeTextbookWilson(successes: number, n: number, population: number | null, z = z95) {
	const share = successes / n;
	const effectiveN = population === null ? n : n / ((population - n) / (population - 1));
	const denominator = 1 + (z * z) / effectiveN;
	const centre = (share + (z * z) / (2 * effectiveN)) / denominator;
	const half =
		(z / denominator) * Math.sqrt((share * (1 - share)) / effectiveN + (z * z) / (4 * effectiveN ** 2));
	return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Φ by Marsaglia's series Φ(x) = ½ + φ(x)·Σ x^(2k+1)/(1·3·…·(2k+1)): a different algorithm from the erfc fit. */
function computeSeriesCdf(x: number): number {
	let term = x;
	let sum = x;
	for (let k = 1; k < 500 && Math.abs(term) > 1e-300; k++) {
		term *= (x * x) / (2 * k + 1);
		sum += term;
	}
	return 0.5 + (sum * Math.exp(-(x * x) / 2)) / Math.sqrt(2 * Math.PI);
}

const countsArbitrary = fc
	.integer({ min: 1, max: 5000 })
	.chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));

describe('computeWilsonInterval', () => {
	it('matches the cited 95 % interval for 81/263', () => {
		// Cited as ≈ [0.2553, 0.3662]; confirmed as [0.25529, 0.36621] by a 40-digit evaluation of the Wilson formula.
		const interval = computeWilsonInterval(81, 263);
		expect(interval?.low).toBeCloseTo(0.2553, 4);
		expect(interval?.high).toBeCloseTo(0.3662, 4);
		expect(interval?.low).toBeCloseTo(0.2552885198782742, 12);
		expect(interval?.high).toBeCloseTo(0.3662095769828001, 12);
	});

	it('agrees with the textbook form, with and without a known population', () => {
		for (const [successes, n, population] of [
			[81, 263, null],
			[81, 263, 1000],
			[7, 12, 40],
			[199, 200, 5000],
			[1, 1, null],
			[3, 3, 10]
		] as const) {
			const actual = computeWilsonInterval(successes, n, { population });
			const expected = computeTextbookWilson(successes, n, population);
			expect(actual?.low).toBeCloseTo(expected.low, 12);
			expect(actual?.high).toBeCloseTo(expected.high, 12);
		}
	});

	it('honours a different z', () => {
		const z = 2.5758293035489004;
		const actual = computeWilsonInterval(30, 80, { z });
		const expected = computeTextbookWilson(30, 80, null, z);
		expect(actual?.low).toBeCloseTo(expected.low, 12);
		expect(actual?.high).toBeCloseTo(expected.high, 12);
	});

	it('handles no answers, all or none successful, a single answer and a census', () => {
		expect(computeWilsonInterval(0, 0)).toBeNull();
		expect(computeWilsonInterval(0, 0, { population: 100 })).toBeNull();
		expect(computeWilsonInterval(0, 20)?.low).toBe(0);
		expect(computeWilsonInterval(0, 20)?.high).toBeCloseTo(computeTextbookWilson(0, 20, null).high, 12);
		expect(computeWilsonInterval(20, 20)?.high).toBe(1);
		// Unclamped, rounding puts these a hair outside: 16/16 and 4/4 of 5 at 1 + 2e-16, 29/29 at 1 − 1e-16.
		for (const [count, population] of [
			[16, null],
			[4, 5],
			[29, null]
		] as const) {
			expect(computeWilsonInterval(count, count, { population })?.high).toBe(1);
		}
		expect(computeWilsonInterval(20, 20)?.low).toBeCloseTo(computeTextbookWilson(20, 20, null).low, 12);
		// One answer: centre (z²/2)/(1 + z²) and half-width the same, so [0, z²/(1 + z²)] for a failure.
		expect(computeWilsonInterval(0, 1)?.high).toBeCloseTo(z95 ** 2 / (1 + z95 ** 2), 12);
		expect(computeWilsonInterval(1, 1)?.low).toBeCloseTo(1 / (1 + z95 ** 2), 12);
		expect(computeWilsonInterval(30, 40, { population: 40 })).toEqual({ low: 0.75, high: 0.75 });
		// The register undercounts the respondents: treated as a census.
		expect(computeWilsonInterval(30, 40, { population: 35 })).toEqual({ low: 0.75, high: 0.75 });
		expect(computeWilsonInterval(30, 40, { population: null })).toEqual(computeWilsonInterval(30, 40));
		expect(computeWilsonInterval(30, 40, { population: 0 })).toEqual(computeWilsonInterval(30, 40));
	});

	it('rejects impossible counts', () => {
		expect(() => computeWilsonInterval(5, 4)).toThrow(RangeError);
		expect(() => computeWilsonInterval(-1, 4)).toThrow(RangeError);
		expect(() => computeWilsonInterval(Number.NaN, 4)).toThrow(RangeError);
	});

	it('contains p̂, stays in [0, 1] and matches the textbook form for any counts', () => {
		fc.assert(
			fc.property(
				countsArbitrary,
				fc.option(fc.integer({ min: 1, max: 20000 })),
				([successes, n], population) => {
					const interval = computeWilsonInterval(successes, n, { population });
					expect(interval).not.toBeNull();
					const { low, high } = interval!;
					const share = successes / n;
					expect(low).toBeGreaterThanOrEqual(0);
					expect(high).toBeLessThanOrEqual(1);
					expect(low).toBeLessThanOrEqual(share);
					expect(high).toBeGreaterThanOrEqual(share);
					if (population !== null && n >= population) {
						expect(low).toBe(share);
						expect(high).toBe(share);
					} else {
						const expected = computeTextbookWilson(successes, n, population);
						expect(low).toBeCloseTo(expected.low, 9);
						expect(high).toBeCloseTo(expected.high, 9);
					}
				}
			)
		);
	});

	it('narrows as the population shrinks towards the sample, and collapses when everyone answered', () => {
		fc.assert(
			fc.property(countsArbitrary, fc.integer({ min: 1, max: 10000 }), ([successes, n], extra) => {
				const width = (population: number | null) => {
					const interval = computeWilsonInterval(successes, n, { population })!;
					return interval.high - interval.low;
				};
				const large = n + 2 * extra;
				const small = n + extra;
				expect(width(large)).toBeLessThanOrEqual(width(null) + 1e-15);
				expect(width(small)).toBeLessThanOrEqual(width(large) + 1e-15);
				expect(width(n)).toBe(0);
			})
		);
	});
});

describe('computeNormalCdf', () => {
	it('matches table values', () => {
		// Each checked against a 40-digit evaluation (mpmath ncdf).
		const table: [number, number][] = [
			[0, 0.5],
			[1, 0.8413447460685429],
			[-1, 0.158655253931457],
			[1.96, 0.9750021048517795],
			[2.5, 0.993790334674224],
			[-3, 0.0013498980316301],
			[5, 0.9999997133484281],
			[8, 0.9999999999999994]
		];
		for (const [x, expected] of table) expect(Math.abs(computeNormalCdf(x) - expected)).toBeLessThan(1e-15);
	});

	it('keeps relative precision deep in the lower tail', () => {
		const tail: [number, number][] = [
			[-5, 2.866515718791939e-7],
			[-6, 9.865876450376981e-10],
			[-10, 7.61985302416053e-24]
		];
		for (const [x, expected] of tail) expect(computeNormalCdf(x) / expected).toBeCloseTo(1, 12);
		expect(computeNormalCdf(-40)).toBe(0);
		expect(computeNormalCdf(40)).toBe(1);
		expect(computeNormalCdf(Number.NaN)).toBeNaN();
	});

	it('agrees with an independent series, is symmetric and monotone', () => {
		fc.assert(
			fc.property(fc.double({ min: -7, max: 7, noNaN: true }), (x) => {
				expect(Math.abs(computeNormalCdf(x) - computeSeriesCdf(x))).toBeLessThan(1e-13);
				expect(Math.abs(computeNormalCdf(x) + computeNormalCdf(-x) - 1)).toBeLessThan(1e-15);
				expect(computeNormalCdf(x + 0.01)).toBeGreaterThanOrEqual(computeNormalCdf(x));
			})
		);
	});
});

describe('testTwoProportions', () => {
	it('matches a hand-computed example', () => {
		// 50/100 → 65/100: pooled 115/200 = 0.575, SE = √(0.575·0.425·(1/100 + 1/100)) = 0.0699107,
		// z = 0.15 / 0.0699107 = 2.1455956, p = 2·(1 − Φ(2.1455956)) = 0.0319053.
		const result = testTwoProportions({ successes: 50, n: 100 }, { successes: 65, n: 100 })!;
		expect(result.difference).toBeCloseTo(0.15, 12);
		expect(result.z).toBeCloseTo(0.15 / Math.sqrt(0.575 * 0.425 * 0.02), 12);
		expect(result.z).toBeCloseTo(2.14559561955645, 10);
		expect(result.pValue).toBeCloseTo(0.0319052552365966, 10);
		expect(result.significant).toBe(true);
		// The same at a stricter alpha is not significant.
		expect(testTwoProportions({ successes: 50, n: 100 }, { successes: 65, n: 100 }, 0.01)!.significant).toBe(
			false
		);
	});

	it('reports a fall as a negative difference and keeps a non-significant change unmarked', () => {
		// 30/40 → 28/50: pooled 58/90, SE = 0.1015436, z = −0.19 / 0.1015436 = −1.8711167, p = 0.0613289.
		const result = testTwoProportions({ successes: 30, n: 40 }, { successes: 28, n: 50 })!;
		expect(result.difference).toBeCloseTo(-0.19, 12);
		expect(result.z).toBeCloseTo(-1.8711166682510465, 10);
		expect(result.pValue).toBeCloseTo(0.06132891173343204, 10);
		expect(result.significant).toBe(false);
	});

	it('keeps a tiny p-value instead of rounding it to zero, and needs p strictly below alpha', () => {
		// 400/1000 → 600/1000: pooled ½, SE = √(0.25·0.002), z = 8.944; p = 3.7441e-19 (40-digit evaluation).
		const result = testTwoProportions({ successes: 400, n: 1000 }, { successes: 600, n: 1000 })!;
		expect(result.z).toBeCloseTo(0.2 / Math.sqrt(0.25 * 0.002), 10);
		expect(result.pValue / 3.744097384202899e-19).toBeCloseTo(1, 9);
		const borderline = testTwoProportions({ successes: 30, n: 40 }, { successes: 28, n: 50 })!;
		expect(
			testTwoProportions({ successes: 30, n: 40 }, { successes: 28, n: 50 }, borderline.pValue)!.significant
		).toBe(false);
	});

	it('gives no test without answers or without variance', () => {
		expect(testTwoProportions({ successes: 0, n: 0 }, { successes: 5, n: 10 })).toBeNull();
		expect(testTwoProportions({ successes: 5, n: 10 }, { successes: 0, n: 0 })).toBeNull();
		expect(testTwoProportions({ successes: 0, n: 10 }, { successes: 0, n: 30 })).toBeNull();
		expect(testTwoProportions({ successes: 10, n: 10 }, { successes: 30, n: 30 })).toBeNull();
		expect(testTwoProportions({ successes: 1, n: 1 }, { successes: 0, n: 1 })!.pValue).toBeCloseTo(
			2 * computeSeriesCdf(-Math.SQRT2),
			12
		);
	});

	it('gives p = 1 for equal proportions and a p-value symmetric in swapping the groups', () => {
		expect(testTwoProportions({ successes: 20, n: 40 }, { successes: 10, n: 20 })).toMatchObject({
			difference: 0,
			z: 0,
			pValue: 1,
			significant: false
		});
		fc.assert(
			fc.property(countsArbitrary, countsArbitrary, ([s1, n1], [s2, n2]) => {
				const forward = testTwoProportions({ successes: s1, n: n1 }, { successes: s2, n: n2 });
				const backward = testTwoProportions({ successes: s2, n: n2 }, { successes: s1, n: n1 });
				if (forward === null || backward === null) {
					expect(forward).toBe(backward);
					return;
				}
				expect(backward.pValue).toBe(forward.pValue);
				expect(backward.difference).toBeCloseTo(-forward.difference, 14);
				// Far out (z ≈ 40) the tail underflows to 0, which still reads as significant.
				expect(forward.pValue).toBeGreaterThanOrEqual(0);
				expect(forward.pValue).toBeLessThanOrEqual(1);
			})
		);
	});
});

describe('planSampleSize', () => {
	const expectedPlan = (margin: number, population: number | null) => {
		const n0 = (1.96 * 1.96 * 0.25) / (margin * margin);
		return population === null ? n0 : n0 / (1 + (n0 - 1) / population);
	};

	it('plans for an unknown population (385 / 601 / 1068)', () => {
		// 0.9604/e²: 384.16 → 385, 600.25 → 601, 1067.11 → 1068.
		expect(expectedPlan(0.05, null)).toBeCloseTo(384.16, 9);
		expect(expectedPlan(0.04, null)).toBeCloseTo(600.25, 9);
		expect(expectedPlan(0.03, null)).toBeCloseTo(1067.111111, 5);
		expect(planSampleSize(null)).toEqual([
			{ margin: 0.05, needed: 385 },
			{ margin: 0.04, needed: 601 },
			{ margin: 0.03, needed: 1068 }
		]);
		expect(planSampleSize(undefined)).toEqual(planSampleSize(null));
	});

	it('applies the finite-population correction for 1,000 units (278 / 376 / 517)', () => {
		// 384.16/1.38316 = 277.74, 600.25/1.59925 = 375.33, 1067.11/2.06611 = 516.48, each rounded up.
		expect(expectedPlan(0.05, 1000)).toBeCloseTo(277.74, 2);
		expect(expectedPlan(0.04, 1000)).toBeCloseTo(375.33, 2);
		expect(expectedPlan(0.03, 1000)).toBeCloseTo(516.48, 2);
		expect(planSampleSize(1000)).toEqual([
			{ margin: 0.05, needed: 278 },
			{ margin: 0.04, needed: 376 },
			{ margin: 0.03, needed: 517 }
		]);
	});

	it('does not round a whole figure up by one and never asks for more than the population', () => {
		// 0.9604/0.02² is exactly 2401 on paper.
		expect(planSampleSize(null, [0.02])).toEqual([{ margin: 0.02, needed: 2401 }]);
		// 0.9604/0.06² = 2401/9; with N = 2990, 2401·2990 / (9·2989 + 2401) = 7178990 / 29302 = 245 exactly,
		// which floating point gives as 245.00000000000003.
		expect(planSampleSize(2990, [0.06])).toEqual([{ margin: 0.06, needed: 245 }]);
		expect(planSampleSize(50, [0.01])[0].needed).toBeLessThanOrEqual(50);
		expect(planSampleSize(1, [0.05])).toEqual([{ margin: 0.05, needed: 1 }]);
		expect(planSampleSize(0, [0.05])).toEqual([{ margin: 0.05, needed: 0 }]);
		expect(() => planSampleSize(100, [0])).toThrow(RangeError);
		expect(() => planSampleSize(-5)).toThrow(RangeError);
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 1_000_000 }),
				fc.double({ min: 0.005, max: 0.5, noNaN: true }),
				(N, e) => {
					const [{ needed }] = planSampleSize(N, [e]);
					expect(needed).toBeLessThanOrEqual(N);
					expect(needed).toBeGreaterThanOrEqual(Math.ceil(expectedPlan(e, N) - 1e-6));
					expect(needed).toBeLessThanOrEqual(Math.ceil(expectedPlan(e, N) + 1e-6));
					expect(needed).toBeLessThanOrEqual(planSampleSize(null, [e])[0].needed);
				}
			)
		);
	});
});

describe('computeCorrelation', () => {
	const pairUp = (xs: number[], ys: number[]) => xs.map((x, i) => [x, ys[i]] as [number, number]);
	const data = pairUp([5, 4, 3, 5, 2, 4, 1], [4, 4, 2, 5, 1, 3, 2]);

	/** Pearson's r in its one-pass raw-sums form. */
	function computeDirectCorrelation(pairs: [number, number][]) {
		const n = pairs.length;
		let sx = 0;
		let sy = 0;
		let sxx = 0;
		let syy = 0;
		let sxy = 0;
		for (const [x, y] of pairs) {
			sx += x;
			sy += y;
			sxx += x * x;
			syy += y * y;
			sxy += x * y;
		}
		return (n * sxy - sx * sy) / Math.sqrt((n * sxx - sx * sx) * (n * syy - sy * sy));
	}

	it('matches the direct formula on a fixed data set', () => {
		// Σx = 24, Σy = 21, Σx² = 96, Σy² = 75, Σxy = 83: r = (7·83 − 24·21)/√((7·96 − 576)(7·75 − 441)) = 77/√8064.
		expect(computeCorrelation(data)).toBeCloseTo(77 / Math.sqrt(96 * 84), 14);
		expect(computeCorrelation(data)).toBeCloseTo(computeDirectCorrelation(data), 14);
	});

	it('is unchanged by shifting and scaling, and flips sign with a negative scale', () => {
		const base = computeCorrelation(data)!;
		fc.assert(
			fc.property(
				fc.double({ min: 0.01, max: 100, noNaN: true }),
				fc.double({ min: -100, max: 100, noNaN: true }),
				fc.boolean(),
				(scale, shift, negate) => {
					const factor = negate ? -scale : scale;
					const transformed = data.map(([x, y]) => [x * factor + shift, y] as const);
					expect(computeCorrelation(transformed)).toBeCloseTo(negate ? -base : base, 9);
					const swapped = data.map(([x, y]) => [y, x] as const);
					expect(computeCorrelation(swapped)).toBeCloseTo(base, 14);
				}
			)
		);
	});

	it('gives null for too few pairs or no variance, and ±1 on a line', () => {
		expect(computeCorrelation([])).toBeNull();
		expect(computeCorrelation(pairUp([1, 2], [2, 3]))).toBeNull();
		expect(computeCorrelation(pairUp([3, 3, 3], [1, 2, 5]))).toBeNull();
		expect(computeCorrelation(pairUp([1, 2, 5], [4, 4, 4]))).toBeNull();
		expect(computeCorrelation(pairUp([1, 2, 3], [10, 8, 6]))).toBe(-1);
		expect(computeCorrelation(pairUp([1, 2, 4], [1, 3, 7]))).toBeCloseTo(1, 15);
	});
});

describe('classifyDriverQuadrants', () => {
	it('places items around the mean importance and performance', () => {
		// Means over the four placed items: importance (0.6 + 0.2 + 0.5 + 0.1)/4 = 0.35, performance
		// (0.6 + 0.9 + 0.85 + 0.65)/4 = 0.75. Counting security's 0.1 would lower it to 0.62 and move parking.
		const items = [
			{ code: 'repairs', importance: 0.6, performance: 0.6 },
			{ code: 'greening', importance: 0.2, performance: 0.9 },
			{ code: 'service', importance: 0.5, performance: 0.85 },
			{ code: 'parking', importance: 0.1, performance: 0.65 },
			{ code: 'security', importance: null, performance: 0.1 },
			{ code: 'value', importance: 0.4, performance: null }
		];
		expect(classifyDriverQuadrants(items).map((item) => [item.code, item.quadrant])).toEqual([
			['repairs', 'priority'],
			['greening', 'maintain'],
			['service', 'strength'],
			['parking', 'secondary'],
			['security', null],
			['value', null]
		]);
		expect(classifyDriverQuadrants(items)[0]).toMatchObject({
			code: 'repairs',
			importance: 0.6,
			performance: 0.6
		});
	});

	it('counts a value at the mean as high and copes with nothing to place', () => {
		expect(classifyDriverQuadrants([{ importance: 0.3, performance: 0.7 }])[0].quadrant).toBe('strength');
		expect(classifyDriverQuadrants([{ importance: null, performance: null }])[0].quadrant).toBeNull();
		expect(classifyDriverQuadrants([])).toEqual([]);
	});
});

describe('scaleIndex', () => {
	it('maps a mean score onto 0–100', () => {
		expect(scaleIndex(5, { min: 1, max: 5 })).toBe(100);
		expect(scaleIndex(1, { min: 1, max: 5 })).toBe(0);
		expect(scaleIndex(3.8, { min: 1, max: 5 })).toBeCloseTo(70, 12);
		expect(scaleIndex(7.5, { min: 0, max: 10 })).toBe(75);
		expect(scaleIndex(null, { min: 1, max: 5 })).toBeNull();
		expect(() => scaleIndex(3, { min: 5, max: 5 })).toThrow(RangeError);
	});
});
