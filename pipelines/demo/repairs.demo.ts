/** Repair work orders: ~60,000 over three years (scale 1), seasonal by trade, one CSV per calendar year. */
import {
	DATA_END,
	LATEST_QUARTER_START,
	MS_DAY,
	MS_HOUR,
	MS_MINUTE,
	formatCompactDate,
	listDataMonths,
	moveIntoWorkingHours,
	scheduleFollowUp,
	startOfDay,
	truncateToMinute,
	type MonthSlot
} from './dates.ts';
import { LIFT_HOTSPOT, findBuilding, type Area, type AreaKind, type Places, type Unit } from './places.ts';
import { buildWeightedTable, type Rng } from './random.ts';

export type RepairPriority = '急修' | '加急' | '一般';

export interface RepairRecord {
	id: string;
	reportedAt: number;
	area: string;
	building: string;
	/** Empty for common-area orders raised by staff on patrol. */
	unit: string;
	location: '户内' | '公共区域';
	trade: string;
	priority: RepairPriority;
	agreedAt: number | null;
	arrivedAt: number | null;
	completedAt: number | null;
	team: string;
	reworkCount: number;
	accepted: boolean | null;
	returnVisitAt: number | null;
	satisfaction: string;
	/** Yuan, two decimals. */
	fee: number;
	status: '已完工' | '处理中' | '待派工' | '已取消';
}

interface TradeSpec {
	label: string;
	/** Share by area kind: residential, office, retail. */
	share: [number, number, number];
	inUnit: number;
	emergency: number;
	team: string;
	season?: number[];
}

/** Monthly factors by trade, January first. */
const SEASONS = {
	plumbing: [1.3, 1.2, 1, 0.9, 0.9, 1, 1.1, 1.1, 1, 0.9, 1, 1.2],
	electrical: [1, 1, 0.9, 0.9, 1, 1.2, 1.3, 1.3, 1.1, 0.9, 0.9, 1],
	cooling: [0.6, 0.5, 0.5, 0.7, 1.2, 2.2, 2.6, 2.4, 1.4, 0.6, 0.5, 0.6],
	typhoons: [0.9, 0.8, 0.9, 0.9, 1, 1.1, 1.2, 1.4, 1.3, 1, 0.9, 0.9]
};

const TRADES: TradeSpec[] = [
	{
		label: '给排水',
		share: [0.28, 0.12, 0.14],
		inUnit: 0.8,
		emergency: 0.18,
		team: '水电',
		season: SEASONS.plumbing
	},
	{
		label: '电气',
		share: [0.18, 0.18, 0.18],
		inUnit: 0.7,
		emergency: 0.12,
		team: '水电',
		season: SEASONS.electrical
	},
	{ label: '电梯', share: [0.05, 0.08, 0.07], inUnit: 0, emergency: 0.25, team: '电梯维保(外包)' },
	{
		label: '空调',
		share: [0.06, 0.22, 0.16],
		inUnit: 0.8,
		emergency: 0.05,
		team: '暖通组',
		season: SEASONS.cooling
	},
	{
		label: '门窗',
		share: [0.12, 0.08, 0.1],
		inUnit: 0.75,
		emergency: 0.04,
		team: '土建组',
		season: SEASONS.typhoons
	},
	{ label: '土建', share: [0.1, 0.05, 0.08], inUnit: 0.6, emergency: 0.03, team: '土建组' },
	{ label: '消防', share: [0.04, 0.06, 0.08], inUnit: 0.1, emergency: 0.1, team: '消防维保组' },
	{ label: '照明', share: [0.08, 0.14, 0.12], inUnit: 0.3, emergency: 0.02, team: '水电' },
	{ label: '其他', share: [0.09, 0.07, 0.07], inUnit: 0.6, emergency: 0.02, team: '综合维修组' }
];

const REPAIRS_AT_SCALE_1 = 60_000;
const KIND_INTENSITY: Record<AreaKind, number> = { residential: 1, office: 2.2, retail: 2.5 };
const KIND_INDEX: Record<AreaKind, number> = { residential: 0, office: 1, retail: 2 };
const VOLUME_SEASON = [0.85, 0.75, 0.95, 1, 1, 1.1, 1.2, 1.2, 1.05, 0.95, 0.95, 0.95];
/** Hours after the report within which each priority must be completed (SPEC § 5). */
export const REPAIR_TARGET_HOURS: Record<RepairPriority, number> = { 急修: 24, 加急: 72, 一般: 168 };
const HOUR_WEIGHTS = [
	0.3, 0.2, 0.1, 0.1, 0.1, 0.2, 0.6, 2, 4, 5, 5, 4, 3, 3.5, 4.5, 4.5, 4, 3.5, 3, 3, 2.5, 2, 1, 0.5
];
const HOURS = HOUR_WEIGHTS.map((_, h) => h);
const FEES = [15, 20, 30, 35, 50, 60, 80, 100, 120, 150, 180, 200, 260, 320, 450, 680, 1280];
const FEE_WEIGHTS = FEES.map((_, i) => 1 / (i + 2));
const SATISFACTION = ['满意', '基本满意', '不满意'];

/** Extra lift work orders at the hotspot building in the latest quarter, matching its complaint spike. */
export const LIFT_HOTSPOT_REPAIRS_PER_MONTH = 6;

interface Draft {
	reportedAt: number;
	area: Area;
	unit: Unit;
	trade: TradeSpec;
}

function drawReportedAt(rng: Rng, slot: MonthSlot): number {
	const day = rng.drawInt(0, slot.days - 1);
	return (
		slot.start +
		day * MS_DAY +
		rng.pickWeighted(HOURS, HOUR_WEIGHTS) * MS_HOUR +
		rng.drawInt(0, 59) * MS_MINUTE
	);
}

function draftRepairs(rng: Rng, places: Places, months: MonthSlot[], scale: number): Draft[] {
	let total = 0;
	const weights = places.areas.map((area) => {
		const liftUnits = area.buildings.filter((b) => b.hasLift).reduce((n, b) => n + b.units.length, 0);
		return TRADES.map((trade) => {
			const liftFactor = trade.label === '电梯' ? liftUnits / area.units.length : 1;
			return months.map((slot) => {
				const w =
					area.units.length *
					KIND_INTENSITY[area.kind] *
					trade.share[KIND_INDEX[area.kind]] *
					liftFactor *
					VOLUME_SEASON[slot.month] *
					(trade.season?.[slot.month] ?? 1);
				total += w;
				return w;
			});
		});
	});
	const factor = (REPAIRS_AT_SCALE_1 * scale) / total;
	const drafts: Draft[] = [];
	places.areas.forEach((area, a) => {
		const everyone = buildWeightedTable(
			area.units,
			area.units.map((u) => u.propensity + 0.3)
		);
		const liftUnits = area.buildings.filter((b) => b.hasLift).flatMap((b) => b.units);
		const liftTable = buildWeightedTable(
			liftUnits,
			liftUnits.map(() => 1)
		);
		TRADES.forEach((trade, t) => {
			const table = trade.label === '电梯' ? liftTable : everyone;
			if (table.size === 0) return;
			months.forEach((slot, m) => {
				const count = rng.drawPoisson(weights[a][t][m] * factor);
				for (let i = 0; i < count; i++) {
					drafts.push({ reportedAt: drawReportedAt(rng, slot), area, unit: table.pickFrom(rng), trade });
				}
			});
		});
	});
	const hotspot = findBuilding(places, LIFT_HOTSPOT.area, LIFT_HOTSPOT.building);
	const area = places.areas.find((a) => a.name === LIFT_HOTSPOT.area) as Area;
	const lift = TRADES.find((t) => t.label === '电梯') as TradeSpec;
	for (const slot of months.filter((s) => s.start >= LATEST_QUARTER_START)) {
		const count = Math.round((LIFT_HOTSPOT_REPAIRS_PER_MONTH + rng.drawInt(0, 2)) * Math.max(1, scale));
		for (let i = 0; i < count; i++) {
			drafts.push({
				reportedAt: drawReportedAt(rng, slot),
				area,
				unit: rng.pick(hotspot.units),
				trade: lift
			});
		}
	}
	return drafts;
}

function drawAppointment(rng: Rng, reportedAt: number, priority: RepairPriority): number {
	if (priority === '急修') return truncateToMinute(reportedAt + 30 * MS_MINUTE);
	const days =
		priority === '加急'
			? rng.pickWeighted([0, 1], [60, 40])
			: rng.pickWeighted([0, 1, 2, 3], [25, 45, 20, 10]);
	let at = startOfDay(reportedAt) + days * MS_DAY + (9 + rng.drawInt(0, 16) * 0.5) * MS_HOUR;
	if (at < reportedAt + MS_HOUR) at += MS_DAY;
	return at;
}

function drawArrival(
	rng: Rng,
	reportedAt: number,
	agreedAt: number | null,
	priority: RepairPriority
): number {
	if (agreedAt !== null) {
		const offset = rng.rollChance(0.88) ? rng.drawUniform(-20, 15) : 16 + rng.drawLogNormal(45, 0.8);
		return truncateToMinute(Math.max(reportedAt + 10 * MS_MINUTE, agreedAt + offset * MS_MINUTE));
	}
	const hours =
		priority === '急修'
			? rng.drawLogNormal(0.7, 0.5)
			: priority === '加急'
				? rng.drawLogNormal(3, 0.7)
				: rng.drawLogNormal(20, 0.9);
	return truncateToMinute(reportedAt + hours * MS_HOUR);
}

function drawCompletion(rng: Rng, arrivedAt: number, priority: RepairPriority): number {
	let hours = rng.drawLogNormal(1.2, 0.7);
	// Some jobs wait for parts or a second trade.
	if (rng.rollChance(0.18))
		hours += priority === '急修' ? rng.drawLogNormal(6, 0.8) : rng.drawUniform(24, 150);
	const at = truncateToMinute(arrivedAt + hours * MS_HOUR);
	// Emergencies are fixed through the night; other work resumes in the morning.
	return priority === '急修' ? at : moveIntoWorkingHours(at, 'forward', rng.drawInt(0, 779));
}

function nameTeam(trade: TradeSpec, area: Area): string {
	if (trade.team !== '水电') return trade.team;
	if (area.kind !== 'residential') return '楼宇机电组';
	return area.code < 'G' ? '水电一组' : '水电二组';
}

function completeRepair(rng: Rng, draft: Draft): RepairRecord {
	const { reportedAt, unit, trade, area } = draft;
	const inUnit = draft.trade.label !== '电梯' && rng.rollChance(trade.inUnit);
	const priority: RepairPriority = rng.rollChance(trade.emergency)
		? '急修'
		: rng.rollChance(0.22)
			? '加急'
			: '一般';
	const agreedAt = inUnit ? drawAppointment(rng, reportedAt, priority) : null;
	let arrivedAt: number | null = drawArrival(rng, reportedAt, agreedAt, priority);
	let completedAt: number | null = drawCompletion(rng, arrivedAt, priority);
	const cancelled = rng.rollChance(0.015);
	const stuck = rng.rollChance(0.003);
	if (cancelled || arrivedAt > DATA_END) arrivedAt = null;
	if (arrivedAt === null || stuck || completedAt > DATA_END) completedAt = null;
	const reworkCount = completedAt === null ? 0 : rng.pickWeighted([0, 1, 2], [91, 7.5, 1.5]);
	const late = completedAt !== null && completedAt - reportedAt > REPAIR_TARGET_HOURS[priority] * MS_HOUR;
	let returnVisitAt: number | null = null;
	if (completedAt !== null && rng.rollChance(0.85)) {
		const dayOffset = rng.rollChance(0.8) ? rng.pickWeighted([0, 1], [35, 65]) : rng.drawInt(3, 8);
		returnVisitAt = scheduleFollowUp(completedAt, dayOffset, rng.drawInt(0, 659));
		if (returnVisitAt > DATA_END) returnVisitAt = null;
	}
	const unhappy = reworkCount > 0 || late;
	return {
		id: '',
		reportedAt,
		area: area.name,
		building: unit.building,
		unit: inUnit || rng.rollChance(0.6) ? unit.code : '',
		location: inUnit ? '户内' : '公共区域',
		trade: trade.label,
		priority,
		agreedAt,
		arrivedAt,
		completedAt,
		team: nameTeam(trade, area),
		reworkCount,
		accepted: inUnit && completedAt !== null ? rng.rollChance(reworkCount > 0 ? 0.8 : 0.97) : null,
		returnVisitAt,
		satisfaction:
			returnVisitAt === null ? '' : rng.pickWeighted(SATISFACTION, unhappy ? [50, 28, 22] : [76, 18, 6]),
		fee: inUnit && completedAt !== null && rng.rollChance(0.35) ? rng.pickWeighted(FEES, FEE_WEIGHTS) : 0,
		status: cancelled ? '已取消' : completedAt !== null ? '已完工' : arrivedAt !== null ? '处理中' : '待派工'
	};
}

export function buildRepairs(rng: Rng, places: Places, scale: number): RepairRecord[] {
	const drafts = draftRepairs(rng.fork('volume'), places, listDataMonths(), scale);
	drafts.sort((x, y) => x.reportedAt - y.reportedAt);
	const detailRng = rng.fork('details');
	const repairs = drafts.map((draft) => completeRepair(detailRng, draft));
	let day = -1;
	let seq = 0;
	for (const repair of repairs) {
		const today = startOfDay(repair.reportedAt);
		seq = today === day ? seq + 1 : 1;
		day = today;
		repair.id = `BX${formatCompactDate(repair.reportedAt)}${String(seq).padStart(4, '0')}`;
	}
	return repairs;
}
