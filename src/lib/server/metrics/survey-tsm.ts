import type { QuestionResult } from './survey-question-results.ts';

/**
 * The UK Regulator of Social Housing's tenant perception measures (Tenant Satisfaction Measures: Technical
 * Requirements). Each is the share of respondents very or fairly satisfied (TP08: strongly agree or agree)
 * among those who answered on the scale; "don't know" and "not applicable" are left out of the base, and
 * TP02/TP03 (a repair in the last 12 months), TP09 (a complaint in the last 12 months) and TP10 (communal
 * areas) count only the respondents their screening question lets through.
 */
export const tsmMeasures = [
	{ code: 'TP01', screened: null, name: { en: 'Overall satisfaction', zh: '对服务的总体满意度' } },
	{ code: 'TP02', screened: 'repair', name: { en: 'Satisfaction with repairs', zh: '对维修服务的满意度' } },
	{
		code: 'TP03',
		screened: 'repair',
		name: {
			en: 'Satisfaction with time taken to complete most recent repair',
			zh: '对最近一次维修完成时长的满意度'
		}
	},
	{
		code: 'TP04',
		screened: null,
		name: { en: 'Satisfaction that the home is well maintained', zh: '住所维护良好' }
	},
	{ code: 'TP05', screened: null, name: { en: 'Satisfaction that the home is safe', zh: '住所安全' } },
	{
		code: 'TP06',
		screened: null,
		name: {
			en: 'Satisfaction that the landlord listens to tenant views and acts upon them',
			zh: '倾听住户意见并采取行动'
		}
	},
	{
		code: 'TP07',
		screened: null,
		name: {
			en: 'Satisfaction that the landlord keeps tenants informed about things that matter to them',
			zh: '及时告知住户关心的事项'
		}
	},
	{
		code: 'TP08',
		screened: null,
		name: {
			en: 'Agreement that the landlord treats tenants fairly and with respect',
			zh: '公平、尊重地对待住户（认同度）'
		}
	},
	{
		code: 'TP09',
		screened: 'complaint',
		name: {
			en: 'Satisfaction with the landlord’s approach to handling complaints',
			zh: '对投诉处理方式的满意度'
		}
	},
	{
		code: 'TP10',
		screened: 'communal',
		name: {
			en: 'Satisfaction that the landlord keeps communal areas clean and well maintained',
			zh: '公共区域清洁与维护'
		}
	},
	{
		code: 'TP11',
		screened: null,
		name: {
			en: 'Satisfaction that the landlord makes a positive contribution to neighbourhoods',
			zh: '对社区的积极贡献'
		}
	},
	{
		code: 'TP12',
		screened: null,
		name: {
			en: 'Satisfaction with the landlord’s approach to handling anti-social behaviour',
			zh: '对处理扰民等反社会行为的满意度'
		}
	}
] as const;

export type TsmWarning = 'not_five_point' | 'not_screened' | 'overall_non_answers';

export interface TsmRow {
	code: (typeof tsmMeasures)[number]['code'];
	name: { en: string; zh: string };
	/** Who the regulator's base is limited to, if anyone. */
	screenedBy: 'repair' | 'complaint' | 'communal' | null;
	/** The question of this wave carrying the code; null when none does. */
	question: QuestionResult | null;
	warnings: TsmWarning[];
}

/**
 * The perception-measure table for one wave. The figures are the questions' own under the default
 * (top-two) calibre — the regulator's rule whatever calibre the page shows — so pass default-calibre results.
 */
export function buildTsmTable(defaultCalibreResults: readonly QuestionResult[]): TsmRow[] {
	return tsmMeasures.map((measure) => {
		const question = defaultCalibreResults.find((q) => q.tsmCode === measure.code) ?? null;
		const warnings: TsmWarning[] = [];
		if (question) {
			if (question.scale !== 'likert5') warnings.push('not_five_point');
			if (measure.screened !== null && question.screeningCode === null) warnings.push('not_screened');
			const nonAnswers = Object.values(question.nonAnswers).reduce((sum, n) => sum + n, 0);
			if (measure.code === 'TP01' && nonAnswers > 0) warnings.push('overall_non_answers');
		}
		return { code: measure.code, name: measure.name, screenedBy: measure.screened, question, warnings };
	});
}
