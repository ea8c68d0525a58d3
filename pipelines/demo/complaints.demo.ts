/** Complaints: ~25,000 over three years (scale 1), with seasonality and the lift hotspot planted. */
import {
	LATEST_QUARTER_START,
	MS_DAY,
	MS_HOUR,
	MS_MINUTE,
	formatCompactDate,
	getWeekday,
	listDataMonths,
	startOfDay,
	type MonthSlot
} from './dates.ts';
import { LIFT_HOTSPOT, findBuilding, type Area, type AreaKind, type Places, type Unit } from './places.ts';
import { buildWeightedTable, type Rng, type WeightedTable } from './random.ts';
import { createHandlingSimulator, type Handling, type HandlingSimulator } from './complaint-handling.ts';
import {
	INVALID_REASONS,
	LIFT_HOTSPOT_SENTENCES,
	composeComplaintDescription,
	composeMobile,
	composeResidentName,
	fillSentence
} from './texts.ts';

export type Severity = '一般' | '重大' | '紧急';

export interface ComplaintRecord extends Handling {
	id: string;
	receivedAt: number;
	channel: string;
	area: string;
	building: string;
	unit: string;
	category: string;
	severity: Severity;
	valid: boolean;
	invalidReason: string;
	department: string;
	description: string;
	residentName: string;
	phone: string;
}

interface CategorySpec {
	label: string;
	department: string;
	/** Share of an area's complaints by kind: residential, office, retail. */
	share: [number, number, number];
	/** Monthly factor, January first. */
	season?: number[];
	/** Weights of 一般/重大/紧急. */
	severity?: [number, number, number];
}

const FLAT = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
const SAFETY_SEVERITY: [number, number, number] = [70, 22, 8];

/** Monthly factors by category, January first. */
const SEASONS = {
	renovation: [0.6, 0.4, 1.5, 1.8, 1.6, 1.1, 0.9, 0.9, 1, 0.9, 0.8, 0.6],
	cleaning: [1.1, 1.2, 0.9, 0.9, 1, 1.1, 1.2, 1.2, 1, 0.9, 0.8, 0.9],
	greening: [0.5, 0.5, 1.2, 1.5, 1.4, 1.3, 1.2, 1.1, 1, 0.9, 0.7, 0.5],
	pests: [0.3, 0.3, 0.6, 0.9, 1.4, 1.9, 2.2, 2.1, 1.5, 0.8, 0.5, 0.3],
	outages: [0.8, 0.8, 0.8, 0.9, 1, 1.4, 1.8, 1.7, 1.1, 0.8, 0.8, 0.9],
	parcels: [1.1, 0.6, 0.8, 0.8, 0.9, 1.2, 0.9, 0.9, 0.9, 1, 1.8, 1.4],
	billing: [1.6, 0.8, 0.8, 0.8, 0.8, 0.9, 1, 0.8, 0.8, 0.8, 0.9, 1.5]
};

export const COMPLAINT_CATEGORIES: CategorySpec[] = [
	{ label: '装修噪音', department: '秩序部', share: [0.1, 0.06, 0.05], season: SEASONS.renovation },
	{ label: '公共设施', department: '工程部', share: [0.11, 0.14, 0.15] },
	{ label: '户内维修', department: '工程部', share: [0.12, 0.1, 0.08] },
	{ label: '清洁卫生', department: '环境部', share: [0.1, 0.12, 0.13], season: SEASONS.cleaning },
	{ label: '绿化', department: '环境部', share: [0.05, 0.02, 0.01], season: SEASONS.greening },
	{ label: '虫害', department: '环境部', share: [0.04, 0.03, 0.06], season: SEASONS.pests },
	{ label: '安全', department: '秩序部', share: [0.06, 0.07, 0.09], severity: SAFETY_SEVERITY },
	{ label: '停车', department: '秩序部', share: [0.08, 0.12, 0.13] },
	{ label: '电梯', department: '工程部', share: [0.05, 0.1, 0.06], severity: SAFETY_SEVERITY },
	{
		label: '停水停电',
		department: '工程部',
		share: [0.05, 0.06, 0.07],
		season: SEASONS.outages,
		severity: SAFETY_SEVERITY
	},
	{ label: '快递', department: '客服部', share: [0.05, 0.04, 0.03], season: SEASONS.parcels },
	{ label: '收费', department: '财务部', share: [0.05, 0.06, 0.07], season: SEASONS.billing },
	{ label: '服务态度', department: '客服部', share: [0.06, 0.05, 0.04] },
	{ label: '邻里纠纷', department: '客服部', share: [0.05, 0.01, 0.02] },
	{ label: '其他', department: '客服部', share: [0.03, 0.02, 0.01] }
];

/** Overall monthly volume, January first: a summer peak and a Spring-Festival trough. */
const VOLUME_SEASON = [0.8, 0.7, 0.95, 1, 1.05, 1.15, 1.3, 1.3, 1.1, 0.95, 0.9, 0.85];
/** Complaints per unit-month relative to residential: offices and shops hold more people per unit. */
const KIND_INTENSITY: Record<AreaKind, number> = { residential: 1, office: 1.6, retail: 1.4 };
const KIND_INDEX: Record<AreaKind, number> = { residential: 0, office: 1, retail: 2 };
const COMPLAINTS_AT_SCALE_1 = 25_000;

const CHANNELS = ['来电', '线上', '来访', '来函', '其他'];
const CHANNEL_WEIGHTS: Record<AreaKind, number[]> = {
	residential: [55, 24, 13, 3, 5],
	office: [42, 40, 10, 4, 4],
	retail: [50, 28, 16, 2, 4]
};
const HOUR_WEIGHTS = [
	0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.5, 1.5, 3, 5, 5, 4.5, 3, 3.5, 4.5, 4.5, 4, 3.5, 3, 3, 2.5, 2, 1.2, 0.5
];
const HOURS = HOUR_WEIGHTS.map((_, h) => h);

/**
 * The hotspot building's own lift complaints: a chronic ~1.5 a month (its lifts are old), then a failing
 * installation in the latest quarter. Not scaled below 1, so the pattern survives the small test scales.
 */
export const LIFT_HOTSPOT_PLAN = {
	baselinePerMonth: 1.5,
	/** Planted complaints per month in 2026-08, -09, -10 (plus 0–2 each). */
	spikePerMonth: [12, 14, 16],
	/** Share of spike complaints that come from a handful of vocal units (repeat units). */
	vocalShare: 0.4,
	vocalUnits: 3
} as const;

interface Draft {
	receivedAt: number;
	unit: Unit;
	category: CategorySpec;
	hotspot: boolean;
}

function drawReceivedAt(rng: Rng, slot: MonthSlot, kind: AreaKind): number {
	let day = rng.drawInt(0, slot.days - 1);
	// Offices and the mall's management office see fewer complaints at weekends.
	const weekday = getWeekday(slot.start + day * MS_DAY);
	if (kind !== 'residential' && (weekday === 0 || weekday === 6) && rng.rollChance(0.5)) {
		day = rng.drawInt(0, slot.days - 1);
	}
	const hour = rng.pickWeighted(HOURS, HOUR_WEIGHTS);
	return slot.start + day * MS_DAY + hour * MS_HOUR + rng.drawInt(0, 59) * MS_MINUTE;
}

/** λ for every area × category × month, rescaled so the expected total is 25,000 × scale. */
function planVolumes(rng: Rng, places: Places, months: MonthSlot[], scale: number): Float64Array[][] {
	const computeLiftShare = (area: Area) =>
		area.buildings.filter((b) => b.hasLift).reduce((n, b) => n + b.units.length, 0) / area.units.length;
	let total = 0;
	const plan = places.areas.map((area) => {
		const yearNoise = new Map<number, number>();
		const cellNoise = COMPLAINT_CATEGORIES.map(() => rng.drawLogNormal(1, 0.25));
		return COMPLAINT_CATEGORIES.map((category, c) => {
			const lambdas = new Float64Array(months.length);
			months.forEach((slot, m) => {
				if (!yearNoise.has(slot.year)) yearNoise.set(slot.year, rng.drawLogNormal(1, 0.05));
				const trend = 1 + (0.04 * m) / 12;
				let lambda =
					area.units.length *
					KIND_INTENSITY[area.kind] *
					category.share[KIND_INDEX[area.kind]] *
					(category.season ?? FLAT)[slot.month] *
					VOLUME_SEASON[slot.month] *
					trend *
					(yearNoise.get(slot.year) ?? 1) *
					cellNoise[c];
				if (category.label === '电梯') lambda *= computeLiftShare(area);
				lambdas[m] = lambda;
				total += lambda;
			});
			return lambdas;
		});
	});
	const factor = (COMPLAINTS_AT_SCALE_1 * scale) / total;
	for (const area of plan)
		for (const lambdas of area) for (let m = 0; m < lambdas.length; m++) lambdas[m] *= factor;
	return plan;
}

function draftOrdinaryComplaints(rng: Rng, places: Places, months: MonthSlot[], scale: number): Draft[] {
	const plan = planVolumes(rng, places, months, scale);
	const drafts: Draft[] = [];
	places.areas.forEach((area, a) => {
		const everyone = buildWeightedTable(
			area.units,
			area.units.map((u) => u.propensity)
		);
		const liftUnits = area.buildings.filter((b) => b.hasLift).flatMap((b) => b.units);
		const liftRiders = buildWeightedTable(
			liftUnits,
			liftUnits.map((u) => u.propensity)
		);
		COMPLAINT_CATEGORIES.forEach((category, c) => {
			const table: WeightedTable<Unit> = category.label === '电梯' ? liftRiders : everyone;
			if (table.size === 0) return;
			months.forEach((slot, m) => {
				const count = rng.drawPoisson(plan[a][c][m]);
				for (let i = 0; i < count; i++) {
					const unit = table.pickFrom(rng);
					drafts.push({ receivedAt: drawReceivedAt(rng, slot, area.kind), unit, category, hotspot: false });
				}
			});
		});
	});
	return drafts;
}

function draftLiftHotspot(rng: Rng, places: Places, months: MonthSlot[], scale: number): Draft[] {
	const building = findBuilding(places, LIFT_HOTSPOT.area, LIFT_HOTSPOT.building);
	const lift = COMPLAINT_CATEGORIES.find((c) => c.label === '电梯') as CategorySpec;
	const residents = buildWeightedTable(
		building.units,
		building.units.map((u) => u.propensity)
	);
	const vocal = rng.sampleWithoutReplacement(building.units, LIFT_HOTSPOT_PLAN.vocalUnits);
	const magnitude = Math.max(1, scale);
	const drafts: Draft[] = [];
	const spikeMonths = months.filter((m) => m.start >= LATEST_QUARTER_START);
	for (const slot of months) {
		const spikeIndex = spikeMonths.indexOf(slot);
		const count =
			spikeIndex < 0
				? rng.drawPoisson(LIFT_HOTSPOT_PLAN.baselinePerMonth * magnitude)
				: Math.round((LIFT_HOTSPOT_PLAN.spikePerMonth[spikeIndex] + rng.drawInt(0, 2)) * magnitude);
		for (let i = 0; i < count; i++) {
			const fromVocal = spikeIndex >= 0 && rng.rollChance(LIFT_HOTSPOT_PLAN.vocalShare);
			const unit = fromVocal ? rng.pick(vocal) : residents.pickFrom(rng);
			drafts.push({
				receivedAt: drawReceivedAt(rng, slot, 'residential'),
				unit,
				category: lift,
				hotspot: spikeIndex >= 0
			});
		}
	}
	return drafts;
}

const SEVERITIES: Severity[] = ['一般', '重大', '紧急'];
const ORDINARY_SEVERITY: [number, number, number] = [88, 10, 2];

function composeDescription(rng: Rng, draft: Draft): string {
	if (draft.hotspot) return fillSentence(rng, rng.pick(LIFT_HOTSPOT_SENTENCES), draft.unit.building);
	let text = composeComplaintDescription(rng, draft.category.label, draft.unit.building);
	// A few free-text quirks that CSV writers and readers must survive: quotes and line breaks.
	if (rng.rollChance(0.01)) text = `业主原话:"${text}"`;
	if (rng.rollChance(0.015)) text += '\n补充:已多次反映,希望尽快解决';
	return text;
}

function completeComplaint(rng: Rng, draft: Draft, simulateHandling: HandlingSimulator): ComplaintRecord {
	const { unit, category } = draft;
	const severity = draft.hotspot
		? rng.pickWeighted(SEVERITIES, [55, 35, 10])
		: rng.pickWeighted(SEVERITIES, category.severity ?? ORDINARY_SEVERITY);
	const valid = draft.hotspot || !rng.rollChance(0.08);
	const family = rng.rollChance(0.15);
	const handling = simulateHandling({
		receivedAt: draft.receivedAt,
		department: category.department,
		severity
	});
	return {
		id: '',
		receivedAt: draft.receivedAt,
		channel: rng.pickWeighted(CHANNELS, CHANNEL_WEIGHTS[unit.areaKind]),
		area: unit.area,
		building: unit.building,
		unit: unit.code,
		category: category.label,
		severity,
		valid,
		invalidReason: valid ? '' : rng.pick(INVALID_REASONS),
		department: category.department,
		description: composeDescription(rng, draft),
		residentName: family ? composeResidentName(rng) : unit.residentName,
		phone: family ? composeMobile(rng) : unit.phone,
		...handling
	};
}

/** Numbers the complaints per day in time order, the way the source system issues 投诉编号. */
function assignComplaintIds(complaints: ComplaintRecord[]): void {
	let day = -1;
	let seq = 0;
	for (const complaint of complaints) {
		const today = startOfDay(complaint.receivedAt);
		seq = today === day ? seq + 1 : 1;
		day = today;
		complaint.id = `TS${formatCompactDate(complaint.receivedAt)}${String(seq).padStart(4, '0')}`;
	}
}

export function buildComplaints(rng: Rng, places: Places, scale: number): ComplaintRecord[] {
	const months = listDataMonths();
	const drafts = [
		...draftOrdinaryComplaints(rng.fork('ordinary'), places, months, scale),
		...draftLiftHotspot(rng.fork('hotspot'), places, months, scale)
	];
	drafts.sort((x, y) => x.receivedAt - y.receivedAt);
	const detailRng = rng.fork('details');
	const simulateHandling = createHandlingSimulator(rng.fork('handling'));
	const complaints = drafts.map((draft) => completeComplaint(detailRng, draft, simulateHandling));
	assignComplaintIds(complaints);
	return complaints;
}
