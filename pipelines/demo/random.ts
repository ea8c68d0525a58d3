/**
 * Seeded randomness for the demo generator. Everything random in pipelines/demo goes through here so that
 * the same seed always produces the same bytes; Math.random and the clock are never consulted.
 */

/** splitmix32: spreads a small seed over all 32 bits so neighbouring seeds give unrelated streams. */
function mixSeed(value: number): number {
	let z = (value + 0x9e3779b9) | 0;
	z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
	z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
	return (z ^ (z >>> 16)) >>> 0;
}

/** FNV-1a, so a stream label ('complaints', 'fees') can select an independent sub-stream. */
function hashLabel(label: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < label.length; i++) {
		hash ^= label.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return hash >>> 0;
}

/** sfc32: fast, 128-bit state, passes PractRand for far more draws than the demo needs. */
export class Rng {
	private a: number;
	private b: number;
	private c: number;
	private d: number;
	readonly seed: number;
	readonly label: string;

	constructor(seed: number, label = '') {
		const base = mixSeed((seed >>> 0) ^ hashLabel(label));
		this.a = mixSeed(base);
		this.b = mixSeed(this.a ^ 0x1234567);
		this.c = mixSeed(this.b ^ 0x89abcdef);
		this.d = 1;
		// The first outputs of sfc32 are correlated with the seed; discard them.
		for (let i = 0; i < 15; i++) this.drawUint32();
		this.seed = seed;
		this.label = label;
	}

	drawUint32(): number {
		const t = (((this.a + this.b) | 0) + this.d) | 0;
		this.d = (this.d + 1) | 0;
		this.a = this.b ^ (this.b >>> 9);
		this.b = (this.c + (this.c << 3)) | 0;
		this.c = (this.c << 21) | (this.c >>> 11);
		this.c = (this.c + t) | 0;
		return t >>> 0;
	}

	/** Uniform in [0, 1). */
	drawFloat(): number {
		return this.drawUint32() / 4294967296;
	}

	/** Uniform integer in [min, max], both inclusive. */
	drawInt(min: number, max: number): number {
		return min + Math.floor(this.drawFloat() * (max - min + 1));
	}

	/** Uniform real in [min, max). */
	drawUniform(min: number, max: number): number {
		return min + this.drawFloat() * (max - min);
	}

	rollChance(probability: number): boolean {
		return this.drawFloat() < probability;
	}

	pick<T>(items: readonly T[]): T {
		return items[Math.floor(this.drawFloat() * items.length)];
	}

	/** Weights need not sum to one; a linear scan is fine for the short lists used here. */
	pickWeighted<T>(items: readonly T[], weights: readonly number[]): T {
		let total = 0;
		for (const weight of weights) total += weight;
		let target = this.drawFloat() * total;
		for (let i = 0; i < items.length; i++) {
			target -= weights[i];
			if (target < 0) return items[i];
		}
		return items[items.length - 1];
	}

	/** Box–Muller; the second value is dropped so a draw always consumes the same number of outputs. */
	drawNormal(mean = 0, sd = 1): number {
		const u = 1 - this.drawFloat();
		const v = this.drawFloat();
		return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

	drawLogNormal(median: number, sigma: number): number {
		return median * Math.exp(this.drawNormal(0, sigma));
	}

	/** Knuth for small means, a rounded normal above 30 where the difference no longer shows. */
	drawPoisson(lambda: number): number {
		if (lambda <= 0) return 0;
		if (lambda > 30) return Math.max(0, Math.round(this.drawNormal(lambda, Math.sqrt(lambda))));
		const limit = Math.exp(-lambda);
		let count = 0;
		let product = this.drawFloat();
		while (product > limit) {
			count++;
			product *= this.drawFloat();
		}
		return count;
	}

	shuffle<T>(items: T[]): T[] {
		for (let i = items.length - 1; i > 0; i--) {
			const j = Math.floor(this.drawFloat() * (i + 1));
			const swap = items[i];
			items[i] = items[j];
			items[j] = swap;
		}
		return items;
	}

	/** Picks `count` distinct items, keeping their original order. */
	sampleWithoutReplacement<T>(items: readonly T[], count: number): T[] {
		const indexes = this.shuffle(items.map((_, i) => i)).slice(0, Math.max(0, Math.min(count, items.length)));
		return indexes.sort((x, y) => x - y).map((i) => items[i]);
	}

	/** An independent stream, so adding draws to one generator does not reshuffle every other one. */
	fork(label: string): Rng {
		return new Rng(this.seed, `${this.label}/${label}`);
	}
}

export function createRng(seed: number, label = ''): Rng {
	return new Rng(seed, label);
}

/** Cumulative weights with binary search: picking among thousands of units by propensity. */
export interface WeightedTable<T> {
	readonly size: number;
	pickFrom(rng: Rng): T;
}

export function buildWeightedTable<T>(items: readonly T[], weights: readonly number[]): WeightedTable<T> {
	const cumulative = new Float64Array(items.length);
	let total = 0;
	for (let i = 0; i < items.length; i++) {
		total += Math.max(0, weights[i]);
		cumulative[i] = total;
	}
	return {
		size: items.length,
		pickFrom(rng: Rng): T {
			const target = rng.drawFloat() * total;
			let low = 0;
			let high = items.length - 1;
			while (low < high) {
				const mid = (low + high) >>> 1;
				if (cumulative[mid] > target) high = mid;
				else low = mid + 1;
			}
			return items[low];
		}
	};
}

/**
 * A shuffled bag of `hits` trues among `size` draws, refilled when empty. Planted rates (e.g. a department
 * missing its deadline 40 % of the time) then hold within one bag even at small scales, where independent
 * coin flips would drift by several points.
 */
export function createQuotaBag(rng: Rng, hits: number, size: number): () => boolean {
	let bag: boolean[] = [];
	return () => {
		if (bag.length === 0) {
			bag = rng.shuffle(Array.from({ length: size }, (_, i) => i < hits));
		}
		return bag.pop() as boolean;
	};
}
