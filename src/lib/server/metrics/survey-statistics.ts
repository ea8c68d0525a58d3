/**
 * The statistics behind the satisfaction figures (SPEC §5 Satisfaction): margins of error, year-over-year tests,
 * the sample-size planner and the drivers quadrant. Pure functions over counts, so every metric module can share them.
 */

/** z for a two-sided 95 % interval, Φ⁻¹(0.975). */
const z95 = 1.959963984540054;

/** The planner uses the rounded 1.96 that SPEC §5 writes, so its figures match the published tables (385, 601, 1068). */
const plannerZ = 1.96;

export interface ProportionInterval {
	low: number;
	high: number;
}

function assertCounts(successes: number, n: number, label: string): void {
	if (!Number.isFinite(successes) || !Number.isFinite(n) || n < 0 || successes < 0 || successes > n) {
		throw new RangeError(`${label}: need 0 ≤ successes ≤ n, got ${successes}/${n}`);
	}
}

/**
 * 95 % Wilson score interval for successes/n; with `population` (N, e.g. units in the area) the finite-population
 * correction f = √((N−n)/(N−1)) is applied (equivalent to z → z·f); n ≥ N gives a zero-width interval at p̂;
 * n = 0 → null. `z` defaults to 1.959963984540054. Bounds clamped to [0, 1].
 */
export function computeWilsonInterval(
	successes: number,
	n: number,
	options: { population?: number | null; z?: number } = {}
): ProportionInterval | null {
	assertCounts(successes, n, 'computeWilsonInterval');
	if (n === 0) return null;
	const share = successes / n;
	// An area with no units on the register cannot have answered; that is a missing register, not a census.
	const population =
		options.population != null && Number.isFinite(options.population) && options.population > 0
			? options.population
			: null;
	// Everyone in the area answered (or the register undercounts them): the rate is a census, not an estimate.
	if (population !== null && n >= population) return { low: share, high: share };
	const correction = population === null ? 1 : Math.sqrt((population - n) / (population - 1));
	const z = (options.z ?? z95) * correction;
	const zz = z * z;
	const centre = (successes + zz / 2) / (n + zz);
	const halfWidth = (z / (n + zz)) * Math.sqrt((successes * (n - successes)) / n + zz / 4);
	// Rounding can put a bound a hair past p̂ (at 0/n, n/n or with a tiny f); the interval must still contain it.
	const low = Math.min(share, Math.max(0, centre - halfWidth));
	const high = Math.max(share, Math.min(1, centre + halfWidth));
	return { low, high };
}

export interface ProportionTest {
	difference: number;
	z: number;
	pValue: number;
	significant: boolean;
}

/**
 * Two-proportion z-test (pooled variance), two-sided; significant when p < alpha (default 0.05). null if either n is 0
 * or the pooled proportion is 0 or 1 (no variance: report no test rather than a division by zero). difference = p2 − p1.
 */
export function testTwoProportions(
	before: { successes: number; n: number },
	after: { successes: number; n: number },
	alpha = 0.05
): ProportionTest | null {
	assertCounts(before.successes, before.n, 'testTwoProportions (before)');
	assertCounts(after.successes, after.n, 'testTwoProportions (after)');
	if (before.n === 0 || after.n === 0) return null;
	const pooledSuccesses = before.successes + after.successes;
	const pooledN = before.n + after.n;
	if (pooledSuccesses === 0 || pooledSuccesses === pooledN) return null;
	const pooled = pooledSuccesses / pooledN;
	const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / before.n + 1 / after.n));
	const difference = after.successes / after.n - before.successes / before.n;
	const z = difference / standardError;
	// From the lower tail, so small p-values keep their relative precision instead of becoming 1 − (1 − p).
	const pValue = Math.min(1, 2 * computeNormalCdf(-Math.abs(z)));
	return { difference, z, pValue, significant: pValue < alpha };
}

// W. J. Cody, "Rational Chebyshev approximations for the error function", Math. Comp. 23 (1969) 631–637,
// coefficients as in his CALERF (netlib specfun). Relative error below 1e-15 in every region.
const erfNumerator = [
	3.1611237438705655, 113.86415415105016, 377.485237685302, 3209.3775891384694, 0.18577770618460315
];
const erfDenominator = [23.601290952344122, 244.02463793444417, 1282.6165260773723, 2844.236833439171];
const erfcMidNumerator = [
	0.5641884969886701, 8.883149794388377, 66.11919063714163, 298.6351381974001, 881.952221241769,
	1712.0476126340707, 2051.0783778260716, 1230.3393547979972, 2.1531153547440383e-8
];
const erfcMidDenominator = [
	15.744926110709835, 117.6939508913125, 537.1811018620099, 1621.3895745666903, 3290.7992357334597,
	4362.619090143247, 3439.3676741437216, 1230.3393548037495
];
const erfcTailNumerator = [
	0.30532663496123236, 0.36034489994980445, 0.12578172611122926, 0.016083785148742275, 0.0006587491615298378,
	0.016315387137302097
];
const erfcTailDenominator = [
	2.568520192289822, 1.8729528499234673, 0.5279051029514285, 0.06051834131244132, 0.0023352049762686918
];
const inverseSqrtPi = 0.5641895835477563;
/** Beyond this erfc(x) underflows a double. */
const erfcUnderflow = 26.543;

/** exp(−y²) without the rounding error of squaring y first: y is split into a 1/16-multiple and a small remainder. */
function computeGaussianFactor(y: number): number {
	const coarse = Math.trunc(y * 16) / 16;
	const remainder = (y - coarse) * (y + coarse);
	return Math.exp(-coarse * coarse) * Math.exp(-remainder);
}

/** erfc for y ≥ 0.46875 (the regions where Cody approximates erfc directly). */
function computeErfcAbove(y: number): number {
	if (y >= erfcUnderflow) return 0;
	if (y <= 4) {
		let numerator = erfcMidNumerator[8] * y;
		let denominator = y;
		for (let i = 0; i < 7; i++) {
			numerator = (numerator + erfcMidNumerator[i]) * y;
			denominator = (denominator + erfcMidDenominator[i]) * y;
		}
		return (
			((numerator + erfcMidNumerator[7]) / (denominator + erfcMidDenominator[7])) * computeGaussianFactor(y)
		);
	}
	const inverseSquare = 1 / (y * y);
	let numerator = erfcTailNumerator[5] * inverseSquare;
	let denominator = inverseSquare;
	for (let i = 0; i < 4; i++) {
		numerator = (numerator + erfcTailNumerator[i]) * inverseSquare;
		denominator = (denominator + erfcTailDenominator[i]) * inverseSquare;
	}
	const ratio = (inverseSquare * (numerator + erfcTailNumerator[4])) / (denominator + erfcTailDenominator[4]);
	return ((inverseSqrtPi - ratio) / y) * computeGaussianFactor(y);
}

function computeErfc(x: number): number {
	const y = Math.abs(x);
	if (y <= 0.46875) {
		const square = y * y;
		let numerator = erfNumerator[4] * square;
		let denominator = square;
		for (let i = 0; i < 3; i++) {
			numerator = (numerator + erfNumerator[i]) * square;
			denominator = (denominator + erfDenominator[i]) * square;
		}
		return 1 - (x * (numerator + erfNumerator[3])) / (denominator + erfDenominator[3]);
	}
	const upper = computeErfcAbove(y);
	return x < 0 ? 2 - upper : upper;
}

/**
 * Standard normal CDF, accurate to ~1e-9 (use a good erfc approximation, e.g. W. J. Cody's rational approximations, or
 * the complementary-error-function continued fraction — NOT Abramowitz–Stegun 7.1.26, too coarse for p-values near 1e-6).
 */
export function computeNormalCdf(x: number): number {
	if (Number.isNaN(x)) return NaN;
	return 0.5 * computeErfc(-x / Math.SQRT2);
}

export interface SampleSizePlan {
	margin: number;
	needed: number;
}

const defaultMargins = [0.05, 0.04, 0.03] as const;

/**
 * Responses needed for a ±margin at 95 % (worst case p = 0.5): n0 = 1.96²·0.25/e², n = n0 / (1 + (n0−1)/N), rounded UP;
 * without N (null/undefined) n = ceil(n0). Never more than N when N is known. Default margins [0.05, 0.04, 0.03].
 */
export function planSampleSize(
	population: number | null | undefined,
	margins: readonly number[] = defaultMargins
): SampleSizePlan[] {
	if (population != null && !(population >= 0)) {
		throw new RangeError(`planSampleSize: population must be ≥ 0, got ${population}`);
	}
	return margins.map((margin) => {
		if (!(margin > 0 && margin < 1))
			throw new RangeError(`planSampleSize: margin must be in (0, 1), got ${margin}`);
		const unlimited = (plannerZ * plannerZ * 0.25) / (margin * margin);
		const exact = population == null ? unlimited : unlimited / (1 + (unlimited - 1) / population);
		// A whole number on paper can come out a hair above it (N = 2990, ±6 %: 245.00000000000003); that is not a 246th respondent.
		const needed = Math.max(0, Math.ceil(exact - 1e-9));
		return { margin, needed: population == null ? needed : Math.min(needed, Math.ceil(population)) };
	});
}

/** Pearson correlation of paired values (for drivers): null when fewer than 3 pairs or either side has no variance. */
export function computeCorrelation(pairs: readonly (readonly [number, number])[]): number | null {
	if (pairs.length < 3) return null;
	let sumX = 0;
	let sumY = 0;
	for (const [x, y] of pairs) {
		sumX += x;
		sumY += y;
	}
	const meanX = sumX / pairs.length;
	const meanY = sumY / pairs.length;
	// Centred sums (two passes) rather than Σxy − n·x̄ȳ, which cancels badly for scores that barely vary.
	let crossProducts = 0;
	let squaresX = 0;
	let squaresY = 0;
	for (const [x, y] of pairs) {
		crossProducts += (x - meanX) * (y - meanY);
		squaresX += (x - meanX) ** 2;
		squaresY += (y - meanY) ** 2;
	}
	if (squaresX === 0 || squaresY === 0) return null;
	const correlation = crossProducts / Math.sqrt(squaresX * squaresY);
	return Math.max(-1, Math.min(1, correlation));
}

export type DriverQuadrant = 'priority' | 'strength' | 'maintain' | 'secondary';

/**
 * Importance (correlation with overall satisfaction) vs performance (satisfaction rate), split at the mean importance and
 * mean performance of the items: high importance + low performance = 'priority' (fix first), high + high = 'strength',
 * low importance + high performance = 'maintain', low + low = 'secondary'. Items with null importance or performance get null.
 * The means are over the placed items only, and a value equal to its mean counts as high.
 */
export function classifyDriverQuadrants<T extends { importance: number | null; performance: number | null }>(
	items: readonly T[]
): (T & { quadrant: DriverQuadrant | null })[] {
	const placed = items.filter((item) => item.importance !== null && item.performance !== null);
	const meanOf = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
	const meanImportance = meanOf(placed.map((item) => item.importance as number));
	const meanPerformance = meanOf(placed.map((item) => item.performance as number));
	return items.map((item) => {
		if (item.importance === null || item.performance === null) return { ...item, quadrant: null };
		const important = item.importance >= meanImportance;
		const performing = item.performance >= meanPerformance;
		const quadrant: DriverQuadrant = important
			? performing
				? 'strength'
				: 'priority'
			: performing
				? 'maintain'
				: 'secondary';
		return { ...item, quadrant };
	});
}

/** Mean score → 0–100 on its scale: (mean − min) / (max − min) × 100; null for no answers. */
export function scaleIndex(meanScore: number | null, range: { min: number; max: number }): number | null {
	if (!(range.max > range.min))
		throw new RangeError(`scaleIndex: need max > min, got ${range.min}–${range.max}`);
	if (meanScore === null) return null;
	return ((meanScore - range.min) / (range.max - range.min)) * 100;
}
