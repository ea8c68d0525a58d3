import { nonAnswerCodes } from '$pipelines/kinds/survey-answers.ts';
import type { RatedScale, SurveyCalibre } from '../settings/survey-settings.ts';
import type { AnswerCount } from './survey-answer-counts.ts';
import { computeWilsonInterval, scaleIndex, type ProportionInterval } from './survey-statistics.ts';

export const ratedScaleRanges: Record<RatedScale, { min: number; max: number }> = {
	likert5: { min: 1, max: 5 },
	sat3: { min: 1, max: 3 },
	score0_10: { min: 0, max: 10 }
};

export type NonAnswerCode = 'na' | 'dont_know' | 'refused' | 'blank';

/**
 * One satisfaction figure (a question, a dimension, an area cell…) with everything it is made of, so a
 * reader can see the base: non-answers and screened-out respondents are counted apart, never as dissatisfied.
 */
export interface SatisfactionFigure {
	/** Answers on the scale: the rate's denominator (n). */
	base: number;
	satisfied: number;
	neutral: number;
	dissatisfied: number;
	/** satisfied ÷ base; null for an empty base. */
	rate: number | null;
	/** 95 % Wilson interval, with the finite-population correction when the unit count is known. */
	interval: ProportionInterval | null;
	/** (satisfied − dissatisfied) ÷ base. */
	netSatisfaction: number | null;
	/** Mean score mapped to 0–100 on each answer's own scale. */
	index: number | null;
	nonAnswers: Record<NonAnswerCode, number>;
	/** Numbers outside the question's scale (e.g. 7 on a 5-point question): left out, and shown. */
	offScale: number;
	/** Respondents the question's screening question kept out of its base. */
	screenedOut: number;
	/** Answers per scale point, highest first (single-scale figures only; empty when scales mix). */
	distribution: { score: number; answers: number }[];
	/** Fewer valid answers than the site's small-n threshold: greyed with its n, never ranked. */
	smallSample: boolean;
}

export interface FigureOptions {
	calibre: SurveyCalibre;
	/** The scale of each question the counts may name. */
	scaleOf: ReadonlyMap<string, RatedScale>;
	/** Units the sample was drawn from (the finite-population correction); null when unknown. */
	population: number | null;
	smallSampleThreshold: number;
}

function isNonAnswer(code: string): code is NonAnswerCode {
	return (nonAnswerCodes as Set<string>).has(code);
}

/** Sums answer counts into one figure under a calibre; counts of questions without a rated scale are ignored. */
export function summariseAnswers(counts: readonly AnswerCount[], options: FigureOptions): SatisfactionFigure {
	const { calibre, scaleOf } = options;
	const nonAnswers: Record<NonAnswerCode, number> = { na: 0, dont_know: 0, refused: 0, blank: 0 };
	let base = 0;
	let satisfied = 0;
	let dissatisfied = 0;
	let offScale = 0;
	let screenedOut = 0;
	let indexSum = 0;
	const scales = new Set<RatedScale>();
	const byScore = new Map<number, number>();
	for (const count of counts) {
		const scale = scaleOf.get(count.questionCode);
		if (!scale) continue;
		scales.add(scale);
		if (count.screenedOut) {
			screenedOut += count.answers;
			continue;
		}
		if (count.score === null) {
			if (isNonAnswer(count.answerCode)) nonAnswers[count.answerCode] += count.answers;
			else offScale += count.answers;
			continue;
		}
		base += count.answers;
		if (count.score >= calibre.satisfiedFrom[scale]) satisfied += count.answers;
		else if (count.score <= calibre.dissatisfiedTo[scale]) dissatisfied += count.answers;
		indexSum += (scaleIndex(count.score, ratedScaleRanges[scale]) ?? 0) * count.answers;
		byScore.set(count.score, (byScore.get(count.score) ?? 0) + count.answers);
	}
	const rateOf = (part: number) => (base > 0 ? part / base : null);
	return {
		base,
		satisfied,
		neutral: base - satisfied - dissatisfied,
		dissatisfied,
		rate: rateOf(satisfied),
		interval: computeWilsonInterval(satisfied, base, { population: options.population }),
		netSatisfaction: base > 0 ? (satisfied - dissatisfied) / base : null,
		index: base > 0 ? indexSum / base : null,
		nonAnswers,
		offScale,
		screenedOut,
		distribution:
			scales.size === 1
				? [...byScore].map(([score, answers]) => ({ score, answers })).sort((a, b) => b.score - a.score)
				: [],
		smallSample: base < options.smallSampleThreshold
	};
}

/** Counts grouped by a key, so each group becomes one figure. */
export function groupAnswerCounts(
	counts: readonly AnswerCount[],
	keyOf: (count: AnswerCount) => string | null
): Map<string, AnswerCount[]> {
	const groups = new Map<string, AnswerCount[]>();
	for (const count of counts) {
		const key = keyOf(count);
		if (key === null) continue;
		const group = groups.get(key);
		if (group) group.push(count);
		else groups.set(key, [count]);
	}
	return groups;
}
