/**
 * Three annual satisfaction-survey waves (fieldwork in October), ~2,500 respondents each at scale 1.
 * Answers come from a latent-factor model (a general mood plus one factor per dimension, and overall
 * satisfaction built from weighted dimensions), so dimensions drive the overall question. Each
 * area × question × wave then gets an exact satisfied share by ranking respondents on their latent score:
 * planted changes are clean and ordinary cells differ only by the small jitter set here.
 */
import { join } from 'node:path';
import { MS_DAY } from './dates.ts';
import type { ComplaintRecord } from './complaints.demo.ts';
import type { Places, Unit } from './places.ts';
import type { Rng } from './random.ts';
import type { RepairRecord } from './repairs.demo.ts';
import { GENERAL_COMMENTS, SURVEY_COMMENTS } from './texts.ts';
import { writeXlsxFile, type DemoFile, type XlsxCell, type XlsxColumn } from './write-files.ts';

export interface SurveyQuestion {
	code: string;
	text: string;
	/** The English wording the demo's questionnaire gets after loading (load-demo.ts). */
	textEn: string;
	/** The UK Tenant Satisfaction Measure the question reports, where it matches one. */
	tsmCode?: string;
	/** Typical satisfied share across areas. */
	meanRate: number;
	/** Weight in the overall-satisfaction latent (the driver strength); 0 for Q1 itself. */
	driverWeight: number;
}

export const SURVEY_QUESTIONS: SurveyQuestion[] = [
	{
		code: 'Q1',
		text: '总体满意度',
		textEn: 'Overall satisfaction',
		tsmCode: 'TP01',
		meanRate: 0.8,
		driverWeight: 0
	},
	{ code: 'Q2', text: '客户服务', textEn: 'Customer service', meanRate: 0.85, driverWeight: 0.3 },
	{
		code: 'Q3',
		text: '报修维修',
		textEn: 'Satisfaction with repairs',
		tsmCode: 'TP02',
		meanRate: 0.8,
		driverWeight: 0.2
	},
	{
		code: 'Q4',
		text: '投诉处理',
		textEn: 'Complaint handling',
		tsmCode: 'TP09',
		meanRate: 0.7,
		driverWeight: 0.15
	},
	{
		code: 'Q5',
		text: '清洁卫生',
		textEn: 'Cleanliness of communal areas',
		tsmCode: 'TP10',
		meanRate: 0.84,
		driverWeight: 0.12
	},
	{ code: 'Q6', text: '绿化养护', textEn: 'Greenery and landscaping', meanRate: 0.82, driverWeight: 0.05 },
	{ code: 'Q7', text: '安全秩序', textEn: 'Security and order', meanRate: 0.83, driverWeight: 0.15 },
	{ code: 'Q8', text: '停车管理', textEn: 'Parking management', meanRate: 0.68, driverWeight: 0.05 },
	{
		code: 'Q9',
		text: '沟通与信息公开',
		textEn: 'Communication and keeping residents informed',
		tsmCode: 'TP07',
		meanRate: 0.75,
		driverWeight: 0.12
	},
	{
		code: 'Q10',
		text: '物业费性价比',
		textEn: 'Value for money of the service charge',
		meanRate: 0.62,
		driverWeight: 0.25
	},
	{
		code: 'Q11',
		text: '建筑与消防安全',
		textEn: 'Building and fire safety',
		tsmCode: 'TP05',
		meanRate: 0.8,
		driverWeight: 0.05
	}
];

/**
 * The screening question before Q1: whether the unit had an in-unit repair in the 12 months before
 * fieldwork — the same set that makes Q3 不适用, so the two always agree.
 */
export const SURVEY_SCREENING_QUESTION = {
	code: 'S1',
	text: '过去12个月是否报修过',
	textEn: 'Had a repair in the last 12 months',
	screens: 'Q3'
} as const;

export const SURVEY_WAVES = [2024, 2025, 2026] as const;

/** Planted pattern 4: exact satisfied shares (of on-scale answers) for two cells; all others jitter ±1.5. */
export const SURVEY_SHIFTS = [
	{ area: '阳光新城', code: 'Q5', rates: { 2024: 0.84, 2025: 0.85, 2026: 0.6 } },
	{ area: '滨江一号', code: 'Q8', rates: { 2024: 0.56, 2025: 0.55, 2026: 0.8 } }
] as const;
/** Half-width of the uniform wave-to-wave jitter of every other cell (so |year-over-year| ≤ 3 points). */
export const SURVEY_JITTER = 0.015;

const RESPONDENTS_PER_AREA = { residential: 380, office: 180, retail: 240 } as const;
const LABELS: Record<number, string> = { 5: '非常满意', 4: '满意', 3: '一般', 2: '不满意', 1: '非常不满意' };

export type SurveyAnswer = 1 | 2 | 3 | 4 | 5 | '不适用' | '不清楚' | null;

export interface SurveyResponse {
	id: string;
	wave: number;
	area: string;
	building: string;
	unit: string;
	respondentType: '业主' | '租户';
	surveyedAt: number;
	/** Office and mall respondents answer on the 1–5 number scale, residents with labels. */
	numeric: boolean;
	/** The screening answer (S1): an in-unit repair in the 12 months before fieldwork. */
	repaired: boolean;
	answers: SurveyAnswer[];
	comment: string;
}

interface Respondent {
	unit: Unit;
	latent: number[];
	/** undefined until assignByRank grades it. */
	answers: (SurveyAnswer | undefined)[];
}

function drawLatents(rng: Rng): number[] {
	const mood = rng.drawNormal();
	const dimensions = SURVEY_QUESTIONS.map(() => 0.55 * mood + 0.835 * rng.drawNormal());
	let overall = 0.45 * rng.drawNormal();
	SURVEY_QUESTIONS.forEach((q, i) => (overall += q.driverWeight * dimensions[i]));
	dimensions[0] = overall;
	return dimensions;
}

/** Which units had something to rate: an in-unit repair or a complaint in the 12 months before fieldwork. */
function collectRecentUnits(records: { unit: string; at: number }[], wave: number): Set<string> {
	const from = Date.UTC(wave - 1, 9, 1);
	const to = Date.UTC(wave, 9, 1);
	return new Set(records.filter((r) => r.at >= from && r.at < to).map((r) => r.unit));
}

function drawNonAnswer(
	rng: Rng,
	code: string,
	unit: Unit,
	repaired: boolean,
	complained: boolean
): SurveyAnswer | undefined {
	if (code === 'Q3' && !repaired) return '不适用';
	if (code === 'Q4' && !complained && rng.rollChance(0.85)) return '不适用';
	if (code === 'Q8' && unit.areaKind === 'residential' && unit.parkingFee === 0 && rng.rollChance(0.55))
		return '不适用';
	if (code === 'Q6' && unit.areaKind !== 'residential' && rng.rollChance(0.3)) return '不适用';
	if (rng.rollChance(code === 'Q1' ? 0.005 : 0.015)) return null;
	const unsure = code === 'Q11' ? 0.07 : code === 'Q9' ? 0.04 : code === 'Q1' ? 0 : 0.02;
	if (rng.rollChance(unsure)) return '不清楚';
	return undefined;
}

/** Gives the top `rate` of respondents (by latent score) a satisfied answer, and grades the rest. */
function assignByRank(group: Respondent[], q: number, rate: number): void {
	const ranked = group.filter((r) => r.answers[q] === undefined).sort((x, y) => y.latent[q] - x.latent[q]);
	const satisfied = Math.round(rate * ranked.length);
	const veryS = Math.round(0.4 * satisfied);
	const rest = ranked.length - satisfied;
	const neutral = Math.round(0.55 * rest);
	const dissatisfied = Math.round(0.3 * rest);
	ranked.forEach((r, i) => {
		r.answers[q] =
			i < veryS
				? 5
				: i < satisfied
					? 4
					: i < satisfied + neutral
						? 3
						: i < satisfied + neutral + dissatisfied
							? 2
							: 1;
	});
}

function composeComment(rng: Rng, respondent: Respondent): string {
	const scored = (respondent.answers as SurveyAnswer[])
		.map((a, i) => ({ a, i }))
		.filter((x) => typeof x.a === 'number' && x.i > 0);
	const worst = scored.reduce<{ a: SurveyAnswer; i: number } | null>(
		(w, x) => (w === null || (x.a as number) < (w.a as number) ? x : w),
		null
	);
	let text: string;
	if (worst && (worst.a as number) <= 2) {
		text = rng.pick(SURVEY_COMMENTS[SURVEY_QUESTIONS[worst.i].code][0]);
	} else if (respondent.answers[0] === 5 && rng.rollChance(0.6)) {
		const praise = scored.filter((x) => x.a === 5).map((x) => SURVEY_QUESTIONS[x.i].code);
		text = praise.length > 0 ? rng.pick(SURVEY_COMMENTS[rng.pick(praise)][1]) : rng.pick(GENERAL_COMMENTS);
	} else {
		text = rng.pick(GENERAL_COMMENTS);
	}
	// Some residents leave a phone number, which the dashboard must mask.
	if (rng.rollChance(0.08))
		text += rng.pick(['，有问题请联系', '。我的电话', '，回电：']) + respondent.unit.phone;
	return text;
}

export function buildSurveys(
	rng: Rng,
	places: Places,
	complaints: ComplaintRecord[],
	repairs: RepairRecord[],
	scale: number
): SurveyResponse[] {
	const repairVisits = repairs
		.filter((r) => r.location === '户内')
		.map((r) => ({ unit: r.unit, at: r.reportedAt }));
	const complaintVisits = complaints.map((c) => ({ unit: c.unit, at: c.receivedAt }));
	const cellRng = rng.fork('cells');
	const baseRates = new Map<string, number>();
	for (const area of places.areas) {
		const areaOffset = cellRng.drawNormal(0, 0.04);
		for (const q of SURVEY_QUESTIONS) {
			const rate = q.meanRate + areaOffset + cellRng.drawNormal(0, 0.03);
			baseRates.set(`${area.name}|${q.code}`, Math.min(0.93, Math.max(0.45, rate)));
		}
	}
	const responses: SurveyResponse[] = [];
	for (const wave of SURVEY_WAVES) {
		const waveRng = rng.fork(`wave-${wave}`);
		const repaired = collectRecentUnits(repairVisits, wave);
		const complained = collectRecentUnits(complaintVisits, wave);
		// Fieldwork runs 8–31 October; the 2026 wave closes on the demo's "today".
		const fieldworkStart = Date.UTC(wave, 9, 8);
		const waveResponses: SurveyResponse[] = [];
		for (const area of places.areas) {
			const eligible = area.units.filter((u) => u.occupancy !== '空置');
			const target = Math.max(1, Math.round(RESPONDENTS_PER_AREA[area.kind] * scale));
			const group: Respondent[] = waveRng.sampleWithoutReplacement(eligible, target).map((unit) => ({
				unit,
				latent: drawLatents(waveRng),
				answers: SURVEY_QUESTIONS.map((q) =>
					drawNonAnswer(waveRng, q.code, unit, repaired.has(unit.code), complained.has(unit.code))
				)
			}));
			SURVEY_QUESTIONS.forEach((q, i) => {
				const shift = SURVEY_SHIFTS.find((s) => s.area === area.name && s.code === q.code);
				const jitter = waveRng.drawUniform(-SURVEY_JITTER, SURVEY_JITTER);
				const rate = shift ? shift.rates[wave] : (baseRates.get(`${area.name}|${q.code}`) as number) + jitter;
				assignByRank(group, i, rate);
			});
			for (const respondent of group) {
				const { unit } = respondent;
				waveResponses.push({
					id: '',
					wave,
					area: area.name,
					building: unit.building,
					unit: unit.code,
					respondentType: unit.occupancy === '业主自住' ? '业主' : '租户',
					surveyedAt: fieldworkStart + waveRng.drawInt(0, 23) * MS_DAY,
					numeric: area.kind !== 'residential',
					repaired: repaired.has(unit.code),
					answers: respondent.answers as SurveyAnswer[],
					comment: waveRng.rollChance(0.3) ? composeComment(waveRng, respondent) : ''
				});
			}
		}
		waveResponses.sort((x, y) => x.surveyedAt - y.surveyedAt);
		waveResponses.forEach((r, i) => (r.id = `MY${wave}-${String(i + 1).padStart(5, '0')}`));
		responses.push(...waveResponses);
	}
	return responses;
}

export const SURVEY_FIXED_HEADERS = ['问卷编号', '片区', '楼栋', '房号', '受访者类型', '调查日期'];

function convertToAnswerCell(answer: SurveyAnswer, numeric: boolean): XlsxCell {
	if (answer === null || typeof answer === 'string') return answer;
	return numeric ? answer : LABELS[answer];
}

export async function writeSurveyFiles(responses: SurveyResponse[], outDir: string): Promise<DemoFile[]> {
	const columns: XlsxColumn[] = [
		...SURVEY_FIXED_HEADERS.map((header) => ({
			header,
			width: header === '调查日期' ? 12 : 14,
			numFmt: header === '调查日期' ? 'yyyy-mm-dd' : undefined
		})),
		{ header: `${SURVEY_SCREENING_QUESTION.code} ${SURVEY_SCREENING_QUESTION.text}`, width: 12 },
		...SURVEY_QUESTIONS.map((q) => ({ header: `${q.code} ${q.text}`, width: 12 })),
		{ header: '意见建议', width: 40 }
	];
	const files: DemoFile[] = [];
	for (const wave of SURVEY_WAVES) {
		const rows = responses
			.filter((r) => r.wave === wave)
			.map((r): XlsxCell[] => [
				r.id,
				r.area,
				r.building,
				r.unit,
				r.respondentType,
				new Date(r.surveyedAt),
				r.repaired ? '是' : '否',
				...r.answers.map((a) => convertToAnswerCell(a, r.numeric)),
				r.comment || null
			]);
		const path = join(outDir, `survey-${wave}.xlsx`);
		files.push({
			path,
			kind: 'surveys',
			wave: String(wave),
			rows: await writeXlsxFile(path, { name: `${wave}年满意度调查`, columns, rows })
		});
	}
	return files;
}
