import type { ChartSpec } from '$lib/charts/chart-spec.ts';
import { buildDriverQuadrantOption } from '$lib/charts/driver-quadrant.option.ts';
import { buildHeatmapOption } from '$lib/charts/heatmap.option.ts';
import { buildStackedShareOption } from '$lib/charts/stacked-share.option.ts';
import type { DataTableColumn, DataTableRow } from '$lib/components/data-table-rows.ts';
import { formatInteger, formatPercent } from '$lib/i18n/format.ts';
import { labelEnumeration } from '$lib/i18n/enum-labels.ts';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { SurveyResults } from '$lib/server/dashboards/survey-dashboard.ts';
import type { ComparabilityWarning, SatisfactionChange } from '$lib/server/metrics/survey-comparison.ts';
import type { SatisfactionFigure } from '$lib/server/metrics/survey-figures.ts';
import type { TsmWarning } from '$lib/server/metrics/survey-tsm.ts';
import type { SurveyCalibre } from '$lib/server/settings/survey-settings.ts';

/** A titled table, as the page shows it and as the wave's workbook exports it (one sheet per view). */
export interface SurveyTable {
	id: string;
	title: string;
	columns: DataTableColumn[];
	rows: DataTableRow[];
}

export function labelDimension(dimension: string | null): string {
	return labelEnumeration('surveyDimension', dimension ?? 'unassigned');
}

export function labelCalibre(calibre: SurveyCalibre): { name: string; description: string } {
	const zh = getLocale().startsWith('zh');
	return {
		name: zh ? calibre.name.zh : calibre.name.en,
		description: zh ? calibre.description.zh : calibre.description.en
	};
}

/** A question's text in the reader's language, falling back to the other language, then the code. */
export function labelQuestion(question: {
	code: string;
	textZh: string | null;
	textEn: string | null;
}): string {
	const [first, second] = getLocale().startsWith('zh')
		? [question.textZh, question.textEn]
		: [question.textEn, question.textZh];
	return first || second || question.code;
}

const warningLabels: Record<ComparabilityWarning, () => string> = {
	wording: m.survey_warning_wording,
	scale: m.survey_warning_scale,
	version: m.survey_warning_version,
	method: m.survey_warning_method,
	new_question: m.survey_warning_new_question
};

const tsmWarningLabels: Record<TsmWarning, () => string> = {
	not_five_point: m.survey_tsm_warning_not_five_point,
	not_screened: m.survey_tsm_warning_not_screened,
	overall_non_answers: m.survey_tsm_warning_overall_non_answers
};

export function describeInterval(figure: Pick<SatisfactionFigure, 'interval'>): string {
	return figure.interval
		? m.survey_tile_interval({
				low: formatPercent(figure.interval.low),
				high: formatPercent(figure.interval.high)
			})
		: '';
}

const figureColumns = (): DataTableColumn[] => [
	{ key: 'base', label: m.survey_col_base(), format: 'integer' },
	{ key: 'satisfied', label: m.survey_col_satisfied(), format: 'integer' },
	{ key: 'neutral', label: m.survey_col_neutral(), format: 'integer' },
	{ key: 'dissatisfied', label: m.survey_col_dissatisfied(), format: 'integer' },
	{ key: 'rate', label: m.survey_col_rate(), format: 'percent' },
	{ key: 'low', label: m.survey_col_low(), format: 'percent' },
	{ key: 'high', label: m.survey_col_high(), format: 'percent' },
	{ key: 'na', label: m.survey_col_na(), format: 'integer' },
	{ key: 'dontKnow', label: m.survey_col_dont_know(), format: 'integer' },
	{ key: 'refused', label: m.survey_col_refused(), format: 'integer' },
	{ key: 'blank', label: m.survey_col_blank(), format: 'integer' },
	{ key: 'offScale', label: m.survey_col_off_scale(), format: 'integer' },
	{ key: 'screenedOut', label: m.survey_col_screened_out(), format: 'integer' },
	{ key: 'index', label: m.survey_col_index(), format: 'decimal' },
	{ key: 'net', label: m.survey_col_net(), format: 'percent' },
	{ key: 'smallSample', label: m.survey_col_small_n() }
];

function describeFigure(figure: SatisfactionFigure): DataTableRow {
	return {
		base: figure.base,
		satisfied: figure.satisfied,
		neutral: figure.neutral,
		dissatisfied: figure.dissatisfied,
		rate: figure.rate,
		low: figure.interval?.low ?? null,
		high: figure.interval?.high ?? null,
		na: figure.nonAnswers.na,
		dontKnow: figure.nonAnswers.dont_know,
		refused: figure.nonAnswers.refused,
		blank: figure.nonAnswers.blank,
		offScale: figure.offScale,
		screenedOut: figure.screenedOut,
		index: figure.index,
		net: figure.netSatisfaction,
		smallSample: figure.smallSample
	};
}

export function buildQuestionTable(results: SurveyResults): SurveyTable {
	const others = results.ratesByCalibre.filter((entry) => entry.calibre.id !== results.calibre.id);
	return {
		id: 'questions',
		title: m.survey_questions_title(),
		columns: [
			{ key: 'code', label: m.survey_col_code() },
			{ key: 'question', label: m.survey_col_question() },
			{ key: 'dimension', label: m.survey_col_dimension() },
			...figureColumns(),
			...others.map((entry) => ({
				key: `calibre_${entry.calibre.id}`,
				label: m.survey_col_rate_under({ calibre: labelCalibre(entry.calibre).name }),
				format: 'percent' as const
			}))
		],
		rows: results.questions.map((question) => ({
			code: question.code,
			question: labelQuestion(question),
			dimension: labelDimension(question.dimension),
			...describeFigure(question),
			...Object.fromEntries(
				others.map((entry) => [`calibre_${entry.calibre.id}`, entry.rates[question.code] ?? null])
			)
		}))
	};
}

export function buildDimensionTable(results: SurveyResults): SurveyTable {
	return {
		id: 'dimensions',
		title: m.survey_dimensions_title(),
		columns: [
			{ key: 'dimension', label: m.survey_col_dimension() },
			{ key: 'questions', label: m.survey_col_code() },
			...figureColumns()
		],
		rows: results.dimensions.map((dimension) => ({
			dimension: labelDimension(dimension.dimension),
			questions: dimension.questionCodes.join(', '),
			...describeFigure(dimension)
		}))
	};
}

export function buildDistributionChart(results: SurveyResults): ChartSpec {
	return buildStackedShareOption(
		results.questions.map((q) => ({
			label: `${q.code} ${labelQuestion(q)}`,
			counts: [q.satisfied, q.neutral, q.dissatisfied]
		})),
		[
			{ key: 'satisfied', label: m.survey_col_satisfied(), colour: '#1f6f5c' },
			{ key: 'neutral', label: m.survey_col_neutral(), colour: '#d9c27a' },
			{ key: 'dissatisfied', label: m.survey_col_dissatisfied(), colour: '#c0392b' }
		],
		m.survey_col_question()
	);
}

export function buildAreaHeatmap(results: SurveyResults): ChartSpec {
	const areas = results.areaResponses.map((r) => r.area);
	const dimensions = results.dimensions.map((d) => d.dimension);
	return buildHeatmapOption({
		rows: areas,
		columns: dimensions.map(labelDimension),
		cells: results.areaCells
			.filter((cell) => cell.rate !== null)
			.map((cell) => ({
				row: cell.area,
				column: labelDimension(cell.dimension),
				value: cell.rate as number,
				muted: cell.smallSample,
				note: `n=${formatInteger(cell.base)}`
			})),
		rowLabel: m.survey_col_area(),
		columnLabel: m.survey_col_dimension(),
		valueLabel: m.survey_col_rate(),
		format: 'percent'
	});
}

export function buildAreaCellTable(results: SurveyResults): SurveyTable {
	return {
		id: 'area-dimension',
		title: m.survey_heatmap_title(),
		columns: [
			{ key: 'area', label: m.survey_col_area() },
			{ key: 'dimension', label: m.survey_col_dimension() },
			...figureColumns()
		],
		rows: results.areaCells.map((cell) => ({
			area: cell.area,
			dimension: labelDimension(cell.dimension),
			...describeFigure(cell)
		}))
	};
}

export function buildResponseTable(results: SurveyResults, margins: readonly number[]): SurveyTable {
	return {
		id: 'response',
		title: m.survey_response_title(),
		columns: [
			{ key: 'area', label: m.survey_col_area() },
			{ key: 'respondents', label: m.survey_col_respondents(), format: 'integer' },
			{ key: 'units', label: m.survey_col_units(), format: 'integer' },
			{ key: 'responseRate', label: m.survey_col_response_rate(), format: 'percent' },
			...margins.map((margin, index) => ({
				key: `needed${index}`,
				label: m.survey_col_needed({ margin: formatPercent(margin, 0) }),
				format: 'integer' as const
			})),
			{ key: 'meetsTarget', label: m.survey_col_meets_target() }
		],
		rows: results.areaResponses.map((response) => ({
			area: response.area,
			respondents: response.respondents,
			units: response.units,
			responseRate: response.responseRate,
			...Object.fromEntries(response.plan.map((plan, index) => [`needed${index}`, plan.needed])),
			meetsTarget: response.meetsTarget
		}))
	};
}

function describeSignificance(change: SatisfactionChange): string {
	if (!change.significant) return change.test ? m.survey_not_significant() : '';
	return (change.difference ?? 0) > 0 ? m.survey_change_up() : m.survey_change_down();
}

export function buildChangeTable(
	changes: SatisfactionChange[],
	results: SurveyResults,
	byArea: boolean
): SurveyTable {
	const questionOf = new Map(results.questions.map((q) => [q.code, q]));
	return {
		id: byArea ? 'changes-by-area' : 'changes',
		title: byArea
			? m.survey_changes_by_area_title()
			: m.survey_changes_title({ current: results.wave.name, previous: results.previous?.name ?? '' }),
		columns: [
			...(byArea ? [{ key: 'area', label: m.survey_col_area() }] : []),
			{ key: 'code', label: m.survey_col_code() },
			{ key: 'question', label: m.survey_col_question() },
			{ key: 'previousRate', label: m.survey_col_previous_rate(), format: 'percent' },
			{ key: 'previousBase', label: m.survey_col_previous_base(), format: 'integer' },
			{ key: 'rate', label: m.survey_col_rate(), format: 'percent' },
			{ key: 'base', label: m.survey_col_base(), format: 'integer' },
			{ key: 'change', label: m.survey_col_change(), format: 'decimal' },
			{ key: 'pValue', label: m.survey_col_p_value() },
			{ key: 'significance', label: m.survey_col_significance() },
			{ key: 'warnings', label: m.survey_col_warnings() }
		],
		rows: changes.map((change) => ({
			...(byArea ? { area: change.area } : {}),
			code: change.code,
			question: labelQuestion(
				questionOf.get(change.code) ?? { code: change.code, textZh: null, textEn: null }
			),
			previousRate: change.previous?.rate ?? null,
			previousBase: change.previous?.base ?? null,
			rate: change.current.rate,
			base: change.current.base,
			change: change.difference === null ? null : change.difference * 100,
			pValue: change.test ? formatPValue(change.test.pValue) : null,
			significance: describeSignificance(change),
			warnings: change.warnings.map((w) => warningLabels[w]()).join('；')
		}))
	};
}

export function formatPValue(p: number): string {
	return p < 0.001 ? '< 0.001' : p.toFixed(3);
}

const quadrantLabels: Record<string, () => string> = {
	priority: m.survey_quadrant_priority,
	strength: m.survey_quadrant_strength,
	maintain: m.survey_quadrant_maintain,
	secondary: m.survey_quadrant_secondary
};

export function buildDriverChart(results: SurveyResults): ChartSpec {
	return buildDriverQuadrantOption(
		results.drivers
			.filter((d) => d.importance !== null && d.performance !== null && d.quadrant !== null)
			.map((d) => ({
				label: labelDimension(d.dimension),
				importance: d.importance as number,
				performance: d.performance as number,
				quadrant: d.quadrant as string,
				quadrantLabel: quadrantLabels[d.quadrant as string]()
			}))
	);
}

export function buildDriverTable(results: SurveyResults): SurveyTable {
	return {
		id: 'drivers',
		title: m.survey_drivers_title(),
		columns: [
			{ key: 'dimension', label: m.survey_col_dimension() },
			{ key: 'importance', label: m.chart_driver_importance(), align: 'end' },
			{ key: 'performance', label: m.chart_driver_performance(), format: 'percent' },
			{ key: 'pairs', label: m.survey_col_pairs(), format: 'integer' },
			{ key: 'quadrant', label: m.chart_driver_quadrant() }
		],
		rows: results.drivers.map((d) => ({
			dimension: labelDimension(d.dimension),
			// Correlations read in hundredths; the one-decimal number format would flatten them all to 0.4–0.6.
			importance: d.importance === null ? null : d.importance.toFixed(3),
			performance: d.performance,
			pairs: d.pairs,
			quadrant: d.quadrant ? quadrantLabels[d.quadrant]() : null
		}))
	};
}

export function buildTsmTableView(results: SurveyResults): SurveyTable {
	const zh = getLocale().startsWith('zh');
	return {
		id: 'tsm',
		title: m.survey_tsm_title(),
		columns: [
			{ key: 'code', label: m.survey_col_tsm() },
			{ key: 'measure', label: m.survey_col_measure() },
			{ key: 'question', label: m.survey_col_mapped_question() },
			...figureColumns(),
			{ key: 'warnings', label: m.survey_col_warnings() }
		],
		rows: results.tsm.map((row) => ({
			code: row.code,
			measure: zh ? row.name.zh : row.name.en,
			question: row.question
				? `${row.question.code} ${labelQuestion(row.question)}`
				: m.survey_tsm_unmapped(),
			...(row.question ? describeFigure(row.question) : {}),
			warnings: row.warnings.map((w) => tsmWarningLabels[w]()).join('；')
		}))
	};
}

/** Every view of the wave as tables, in page order: what the export workbook writes, one sheet each. */
export function buildSurveyTables(results: SurveyResults, margins: readonly number[]): SurveyTable[] {
	return [
		buildQuestionTable(results),
		buildDimensionTable(results),
		buildAreaCellTable(results),
		buildResponseTable(results, margins),
		...(results.changes
			? [
					buildChangeTable(results.changes.byQuestion, results, false),
					buildChangeTable(results.changes.byArea, results, true)
				]
			: []),
		buildDriverTable(results),
		buildTsmTableView(results)
	];
}
