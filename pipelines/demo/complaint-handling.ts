/** How a complaint is handled: response, resolution, return visit, escalation, and the planted SLA slip. */
import {
	DATA_END,
	MS_DAY,
	MS_HOUR,
	MS_MINUTE,
	moveIntoWorkingHours,
	scheduleFollowUp,
	startOfDay,
	truncateToMinute
} from './dates.ts';
import { createQuotaBag, type Rng } from './random.ts';

export interface Handling {
	transferred: boolean;
	firstResponseAt: number | null;
	resolvedAt: number | null;
	returnVisitAt: number | null;
	returnVisitResult: string;
	escalationLevel: 1 | 2 | 3;
	status: '已办结' | '处理中' | '待处理';
}

export interface HandlingInput {
	receivedAt: number;
	department: string;
	severity: '一般' | '重大' | '紧急';
}

export type HandlingSimulator = (input: HandlingInput) => Handling;

/**
 * Planted pattern 2: complaints transferred to 工程部 miss the 72-hour rule 10 times in every 25; every
 * other department misses it once in 30. Shuffled bags keep those shares exact even at small scales.
 */
export const TRANSFER_PLAN = {
	slowDepartment: '工程部',
	slowLate: { hits: 10, size: 25 },
	otherLate: { hits: 1, size: 30 },
	/** Chance that a complaint is handed on to its responsible department (overall ≈ 20 %). */
	transferShare: { 工程部: 0.3, 环境部: 0.18, 秩序部: 0.18, 财务部: 0.25, 客服部: 0.08 } as Record<
		string,
		number
	>
} as const;

const VISIT_RESULTS = ['满意', '基本满意', '不满意', '未接通'];

function clampToMinute(ms: number, earliest: number): number {
	return truncateToMinute(Math.max(ms, earliest));
}

function drawFirstResponse(rng: Rng, receivedAt: number, severity: HandlingInput['severity']): number {
	const median = severity === '紧急' ? 15 : severity === '重大' ? 35 : 60;
	let at = receivedAt + rng.drawLogNormal(median, 0.8) * MS_MINUTE;
	const hour = new Date(receivedAt).getUTCHours();
	// Outside office hours a general complaint waits for the morning shift.
	if (severity === '一般' && (hour >= 21 || hour < 7)) {
		const nextMorning = startOfDay(receivedAt) + (hour >= 21 ? MS_DAY : 0) + 8 * MS_HOUR;
		at = nextMorning + rng.drawInt(0, 90) * MS_MINUTE;
	}
	// Some complaints sit unanswered for a day or more (the late tail of "response within 24 h").
	if (rng.rollChance(0.035)) at += rng.drawUniform(24, 60) * MS_HOUR;
	return clampToMinute(at, receivedAt + MS_MINUTE);
}

function drawSameDayResolution(rng: Rng, receivedAt: number, firstResponseAt: number, late: boolean): number {
	const endOfDay = startOfDay(receivedAt) + MS_DAY - MS_MINUTE;
	if (!late) {
		let target = firstResponseAt + rng.drawLogNormal(2.5, 0.8) * MS_HOUR;
		if (target > endOfDay && firstResponseAt < endOfDay) {
			target = firstResponseAt + rng.drawFloat() * (endOfDay - firstResponseAt);
		}
		if (target <= endOfDay) return moveIntoWorkingHours(target, 'backward', rng.drawInt(0, 779));
	}
	const days = rng.pickWeighted([1, 2, 3], [70, 22, 8]);
	return startOfDay(receivedAt) + days * MS_DAY + rng.drawUniform(9, 18) * MS_HOUR;
}

function drawThreeDayResolution(rng: Rng, receivedAt: number, late: boolean): number {
	const minute = rng.drawInt(0, 779);
	if (!late) {
		const at = receivedAt + Math.min(71.5, 3 + rng.drawLogNormal(22, 0.6)) * MS_HOUR;
		return moveIntoWorkingHours(at, 'backward', minute);
	}
	const at = receivedAt + Math.min(25 * 24, 73 + rng.drawLogNormal(36, 0.8)) * MS_HOUR;
	return moveIntoWorkingHours(at, 'forward', minute);
}

function drawReturnVisit(rng: Rng, resolvedAt: number): number | null {
	if (!rng.rollChance(0.88)) return null;
	const dayOffset = rng.rollChance(0.85) ? rng.pickWeighted([0, 1], [40, 60]) : rng.drawInt(3, 10);
	const at = scheduleFollowUp(resolvedAt, dayOffset, rng.drawInt(0, 659));
	return at <= DATA_END ? at : null;
}

function drawEscalation(rng: Rng, severity: HandlingInput['severity'], late: boolean): 1 | 2 | 3 {
	if ((severity === '紧急' && rng.rollChance(0.25)) || (late && severity === '重大' && rng.rollChance(0.15)))
		return 3;
	if ((severity === '重大' && rng.rollChance(0.35)) || (late && rng.rollChance(0.25)) || rng.rollChance(0.03))
		return 2;
	return 1;
}

/** Open complaints cluster in the last days; a few old ones were simply never closed. */
function isStuckOpen(rng: Rng, receivedAt: number, transferred: boolean): boolean {
	const ageDays = (DATA_END - receivedAt) / MS_DAY;
	// Most complaints close within days: only the last few days hold many open ones.
	const chance = (0.8 * Math.exp(-ageDays / 4) + 0.006) * (transferred ? 0.5 : 1);
	return rng.rollChance(chance);
}

export function createHandlingSimulator(rng: Rng): HandlingSimulator {
	const bags = new Map<string, () => boolean>();
	const drawTransferLate = (department: string): boolean => {
		let bag = bags.get(department);
		if (!bag) {
			const plan =
				department === TRANSFER_PLAN.slowDepartment ? TRANSFER_PLAN.slowLate : TRANSFER_PLAN.otherLate;
			bag = createQuotaBag(rng.fork(`late/${department}`), plan.hits, plan.size);
			bags.set(department, bag);
		}
		return bag();
	};

	return ({ receivedAt, department, severity }) => {
		const transferred = rng.rollChance(TRANSFER_PLAN.transferShare[department] ?? 0.1);
		let firstResponseAt: number | null = drawFirstResponse(rng, receivedAt, severity);
		const threeDayRule = transferred || severity !== '一般';
		const late = transferred
			? drawTransferLate(department)
			: rng.rollChance(severity === '一般' ? 0.08 : 0.05);
		const drawn = threeDayRule
			? drawThreeDayResolution(rng, receivedAt, late)
			: drawSameDayResolution(rng, receivedAt, firstResponseAt, late);
		let resolvedAt: number | null = clampToMinute(drawn, firstResponseAt + 10 * MS_MINUTE);
		const stuck = isStuckOpen(rng, receivedAt, transferred);
		if (stuck || resolvedAt > DATA_END) {
			resolvedAt = null;
			if (firstResponseAt > DATA_END || (DATA_END - receivedAt < 3 * MS_DAY && rng.rollChance(0.4))) {
				firstResponseAt = null;
			}
		}
		const returnVisitAt = resolvedAt === null ? null : drawReturnVisit(rng, resolvedAt);
		const visitWeights = late ? [45, 25, 25, 5] : [70, 19, 6, 5];
		return {
			transferred,
			firstResponseAt,
			resolvedAt,
			returnVisitAt,
			returnVisitResult: returnVisitAt === null ? '' : rng.pickWeighted(VISIT_RESULTS, visitWeights),
			escalationLevel: drawEscalation(rng, severity, late),
			status: resolvedAt !== null ? '已办结' : firstResponseAt !== null ? '处理中' : '待处理'
		};
	};
}
