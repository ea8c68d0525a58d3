/** A rate with what it is made of, so every figure can explain itself (SPEC §5). */
export interface RateFigure {
	numerator: number;
	denominator: number;
	/** null when nothing was counted. */
	rate: number | null;
}

export function toRateFigure(numerator: number, denominator: number): RateFigure {
	return { numerator, denominator, rate: denominator > 0 ? numerator / denominator : null };
}
