import type { RatedScale } from '../settings/survey-settings.ts';
import type { AnswerCount } from './survey-answer-counts.ts';
import { groupAnswerCounts, summariseAnswers, type FigureOptions } from './survey-figures.ts';
import { testTwoProportions, type ProportionTest } from './survey-statistics.ts';
import type { SurveyQuestion, SurveyWave } from './survey-waves.ts';

/** Why a year-over-year change may not compare like with like (SPEC §5 questionnaire versions). */
export type ComparabilityWarning = 'wording' | 'scale' | 'version' | 'method' | 'new_question';

interface WaveSide {
	satisfied: number;
	base: number;
	rate: number | null;
}

export interface SatisfactionChange {
	code: string;
	/** null for the whole scope. */
	area: string | null;
	dimension: string | null;
	current: WaveSide;
	previous: WaveSide | null;
	/** current − previous rate, in proportion points. */
	difference: number | null;
	test: ProportionTest | null;
	/** p < the site's level, with both bases at or above the small-n threshold. */
	significant: boolean;
	smallSample: boolean;
	warnings: ComparabilityWarning[];
}

function hasChanged(a: string | null, b: string | null): boolean {
	const normalise = (text: string | null) => (text ?? '').replace(/\s+/g, '').toLowerCase();
	return a !== null && b !== null && normalise(a) !== normalise(b);
}

/** What differs between a question's two versions, and between the two waves' methods. */
export function listComparabilityWarnings(
	current: SurveyQuestion,
	previous: SurveyQuestion | undefined,
	waves: { current: SurveyWave; previous: SurveyWave }
): ComparabilityWarning[] {
	if (!previous) return ['new_question'];
	const warnings: ComparabilityWarning[] = [];
	if (hasChanged(current.textZh, previous.textZh) || hasChanged(current.textEn, previous.textEn))
		warnings.push('wording');
	if (current.scale !== previous.scale) warnings.push('scale');
	if (current.version !== previous.version) warnings.push('version');
	if (hasChanged(waves.current.method, waves.previous.method)) warnings.push('method');
	return warnings;
}

/**
 * Year over year per question (whole scope) and per area × question, matched by the question's stable code:
 * each change with its two-proportion z-test and the reasons it may not be comparable.
 */
export function computeSatisfactionChanges(
	counts: readonly AnswerCount[],
	questions: readonly SurveyQuestion[],
	waves: { current: SurveyWave; previous: SurveyWave },
	options: Omit<FigureOptions, 'population' | 'scaleOf'> & { significanceLevel: number }
): { byQuestion: SatisfactionChange[]; byArea: SatisfactionChange[] } {
	const questionsOf = (waveId: string) =>
		new Map(questions.filter((q) => q.waveId === waveId).map((q) => [q.code, q]));
	const currentQuestions = questionsOf(waves.current.id);
	const previousQuestions = questionsOf(waves.previous.id);
	const scalesOf = (map: Map<string, SurveyQuestion>) =>
		new Map([...map].map(([code, q]) => [code, q.scale as RatedScale]));
	const figureOptions = (waveId: string) => ({
		...options,
		population: null,
		scaleOf: scalesOf(waveId === waves.current.id ? currentQuestions : previousQuestions)
	});
	const grouped = groupAnswerCounts(counts, (c) => JSON.stringify([c.waveId, c.questionCode, c.area]));
	const areas = [...new Set(counts.filter((c) => c.waveId === waves.current.id).map((c) => c.area))].sort();

	const compare = (code: string, area: string | null): SatisfactionChange => {
		const question = currentQuestions.get(code)!;
		const pick = (waveId: string) =>
			(area === null ? areas : [area]).flatMap((a) => grouped.get(JSON.stringify([waveId, code, a])) ?? []);
		const now = summariseAnswers(pick(waves.current.id), figureOptions(waves.current.id));
		const before = previousQuestions.has(code)
			? summariseAnswers(pick(waves.previous.id), figureOptions(waves.previous.id))
			: null;
		const test =
			before === null
				? null
				: testTwoProportions(
						{ successes: before.satisfied, n: before.base },
						{ successes: now.satisfied, n: now.base },
						options.significanceLevel
					);
		const smallSample = now.smallSample || (before?.smallSample ?? false);
		return {
			code,
			area,
			dimension: question.dimension,
			current: { satisfied: now.satisfied, base: now.base, rate: now.rate },
			previous: before && { satisfied: before.satisfied, base: before.base, rate: before.rate },
			difference: before?.rate != null && now.rate !== null ? now.rate - before.rate : null,
			test,
			significant: (test?.significant ?? false) && !smallSample,
			smallSample,
			warnings: listComparabilityWarnings(question, previousQuestions.get(code), waves)
		};
	};
	const rated = [...currentQuestions.values()].filter((q) => q.scale !== 'yes_no').map((q) => q.code);
	return {
		byQuestion: rated.map((code) => compare(code, null)),
		byArea: areas.flatMap((area) => rated.map((code) => compare(code, area)))
	};
}
