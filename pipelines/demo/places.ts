/** The demo's places: 8 areas, their buildings and ~6,000 units (at scale 1). */
import { join } from 'node:path';
import type { Rng } from './random.ts';
import { composeMobile, composeResidentName } from './texts.ts';
import { writeXlsxFile, type DemoFile } from './write-files.ts';

export type AreaKind = 'residential' | 'office' | 'retail';
export type PropertyType = '住宅' | '写字楼' | '商铺';
export type Occupancy = '业主自住' | '出租' | '空置';

export interface Unit {
	index: number;
	code: string;
	area: string;
	areaKind: AreaKind;
	building: string;
	floor: number;
	floorArea: number;
	propertyType: PropertyType;
	occupancy: Occupancy;
	/** Relative tendency to complain and to report repairs (heavy-tailed: a few units are very vocal). */
	propensity: number;
	/** Monthly parking bill in yuan; 0 when the unit rents no parking space. */
	parkingFee: number;
	residentName: string;
	phone: string;
}

export interface Building {
	name: string;
	area: string;
	floors: number;
	hasLift: boolean;
	units: Unit[];
}

export interface Area {
	name: string;
	code: string;
	kind: AreaKind;
	/** Management fee, yuan per m² per month. */
	feeRate: number;
	buildings: Building[];
	units: Unit[];
}

export interface Places {
	areas: Area[];
	units: Unit[];
}

interface ResidentialSpec {
	kind: 'residential';
	name: string;
	code: string;
	buildings: number;
	entrances: [number, number];
	floors: [number, number];
	roomsPerFloor: number;
	floorAreaMedian: number;
	feeRate: number;
	parkingFee: number;
}

interface TowerSpec {
	kind: 'office' | 'retail';
	name: string;
	code: string;
	/** Floor labels in order, e.g. ['B1', 'L1', …] for the mall, ['5', …, '38'] for a tower. */
	floorLabels: string[];
	perFloor: [number, number];
	floorAreaMedian: number;
	feeRate: number;
}

type AreaSpec = ResidentialSpec | TowerSpec;

/** The building of the lift hotspot (see PATTERNS.md); it must exist at every scale. */
export const LIFT_HOTSPOT = { area: '锦绣江南', building: '7栋' } as const;
/** The office tower with long-aged arrears (see PATTERNS.md). */
export const ARREARS_AREA = '科技大厦';

function listFloors(from: number, to: number): string[] {
	return Array.from({ length: to - from + 1 }, (_, i) => String(from + i));
}

const AREA_SPECS: AreaSpec[] = [
	{
		kind: 'residential',
		name: '翠湖花园',
		code: 'CH',
		buildings: 10,
		entrances: [2, 2],
		floors: [11, 16],
		roomsPerFloor: 4,
		floorAreaMedian: 98,
		feeRate: 2.2,
		parkingFee: 200
	},
	{
		kind: 'residential',
		name: '锦绣江南',
		code: 'JX',
		buildings: 12,
		entrances: [1, 2],
		floors: [18, 24],
		roomsPerFloor: 3,
		floorAreaMedian: 92,
		feeRate: 2.6,
		parkingFee: 250
	},
	{
		kind: 'residential',
		name: '阳光新城',
		code: 'YG',
		buildings: 14,
		entrances: [2, 3],
		floors: [6, 12],
		roomsPerFloor: 3,
		floorAreaMedian: 82,
		feeRate: 1.8,
		parkingFee: 150
	},
	{
		kind: 'residential',
		name: '枫林雅苑',
		code: 'FL',
		buildings: 8,
		entrances: [2, 2],
		floors: [13, 20],
		roomsPerFloor: 4,
		floorAreaMedian: 108,
		feeRate: 2.5,
		parkingFee: 220
	},
	{
		kind: 'residential',
		name: '滨江一号',
		code: 'BJ',
		buildings: 6,
		entrances: [2, 2],
		floors: [26, 32],
		roomsPerFloor: 3,
		floorAreaMedian: 142,
		feeRate: 3.8,
		parkingFee: 350
	},
	{
		kind: 'office',
		name: '国贸中心A座',
		code: 'A',
		floorLabels: listFloors(5, 38),
		perFloor: [8, 12],
		floorAreaMedian: 150,
		feeRate: 8.5
	},
	{
		kind: 'office',
		name: ARREARS_AREA,
		code: 'K',
		floorLabels: listFloors(3, 28),
		perFloor: [9, 13],
		floorAreaMedian: 130,
		feeRate: 7.8
	},
	{
		kind: 'retail',
		name: '万象汇商场',
		code: 'L',
		floorLabels: ['B1', 'L1', 'L2', 'L3', 'L4', 'L5'],
		perFloor: [44, 56],
		floorAreaMedian: 85,
		feeRate: 12
	}
];

function pad(value: number, width: number): string {
	return String(value).padStart(width, '0');
}

interface UnitDraft {
	code: string;
	floor: number;
	floorArea: number;
}

function draftResidentialBuilding(rng: Rng, spec: ResidentialSpec, number: number): UnitDraft[] {
	const entrances = rng.drawInt(spec.entrances[0], spec.entrances[1]);
	const floors = rng.drawInt(spec.floors[0], spec.floors[1]);
	const drafts: UnitDraft[] = [];
	for (let entrance = 1; entrance <= entrances; entrance++) {
		// Every floor repeats the same plan, so a room position keeps its size up the building.
		const plan = Array.from({ length: spec.roomsPerFloor }, (_, i) => {
			const endUnit = i === 0 || i === spec.roomsPerFloor - 1;
			const size = rng.drawLogNormal(spec.floorAreaMedian * (endUnit ? 1.12 : 0.92), 0.15);
			return Math.round(Math.min(260, Math.max(40, size)) * 100) / 100;
		});
		for (let floor = 1; floor <= floors; floor++) {
			for (let room = 1; room <= spec.roomsPerFloor; room++) {
				const code = `${spec.code}-${number}-${entrance}-${floor}${pad(room, 2)}`;
				drafts.push({ code, floor, floorArea: plan[room - 1] });
			}
		}
	}
	return drafts;
}

function draftTowerBuilding(rng: Rng, spec: TowerSpec, prefix: string): UnitDraft[] {
	const drafts: UnitDraft[] = [];
	spec.floorLabels.forEach((label, level) => {
		const count = rng.drawInt(spec.perFloor[0], spec.perFloor[1]);
		for (let room = 1; room <= count; room++) {
			const code =
				spec.kind === 'retail'
					? `${prefix}${label}-${pad(room, 3)}`
					: `${prefix}-${pad(Number(label), 2)}${pad(room, 2)}`;
			// Ground-floor shops and low office floors hold the large anchor tenants.
			const anchor = level <= 1 && room <= 2 ? 4 : 1;
			const size = rng.drawLogNormal(spec.floorAreaMedian * anchor, 0.45);
			drafts.push({ code, floor: level + 1, floorArea: Math.round(Math.max(15, size) * 100) / 100 });
		}
	});
	return drafts;
}

/** Building name and unit-code prefix of copy `copy` (copies only appear at scale > 1, for benchmarks). */
function nameTowerCopy(spec: TowerSpec, copy: number): { building: string; prefix: string } {
	if (spec.kind === 'retail')
		return copy === 0
			? { building: '商场主楼', prefix: '' }
			: { building: `${copy + 1}期`, prefix: `M${copy + 1}-` };
	if (spec.code === 'A') {
		const letter = String.fromCharCode(65 + (copy % 26)) + (copy >= 26 ? String(Math.floor(copy / 26)) : '');
		return { building: `${letter}座`, prefix: letter };
	}
	return copy === 0
		? { building: '主楼', prefix: spec.code }
		: { building: `${copy + 1}号楼`, prefix: `${spec.code}${copy + 1}` };
}

const OCCUPANCIES: Occupancy[] = ['业主自住', '出租', '空置'];
const OCCUPANCY_WEIGHTS: Record<AreaKind, number[]> = {
	residential: [68, 23, 9],
	office: [15, 70, 15],
	retail: [10, 80, 10]
};
const PROPERTY_TYPES: Record<AreaKind, PropertyType> = {
	residential: '住宅',
	office: '写字楼',
	retail: '商铺'
};

function completeUnit(rng: Rng, draft: UnitDraft, area: Area, building: string, parkingFee: number): Unit {
	const occupancy = rng.pickWeighted(OCCUPANCIES, OCCUPANCY_WEIGHTS[area.kind]);
	const vacant = occupancy === '空置';
	const hasParking = area.kind === 'residential' && !vacant && rng.rollChance(0.33);
	return {
		index: 0,
		code: draft.code,
		area: area.name,
		areaKind: area.kind,
		building,
		floor: draft.floor,
		floorArea: draft.floorArea,
		propertyType: PROPERTY_TYPES[area.kind],
		occupancy,
		propensity: rng.drawLogNormal(1, 0.7) * (vacant ? 0.15 : occupancy === '出租' ? 0.9 : 1),
		parkingFee: hasParking ? parkingFee : 0,
		residentName: composeResidentName(rng),
		phone: composeMobile(rng)
	};
}

/** Keeps `keep` of the drafts (at least one), so every building survives small test scales. */
function thinDrafts(rng: Rng, drafts: UnitDraft[], keep: number): UnitDraft[] {
	if (keep >= 1) return drafts;
	return rng.sampleWithoutReplacement(drafts, Math.max(1, Math.round(drafts.length * keep)));
}

/**
 * Scale < 1 thins every building; scale > 1 adds copies of the buildings (new numbers and codes), so unit
 * codes stay plausible and unique at any scale.
 */
export function buildPlaces(rng: Rng, scale: number): Places {
	const copies = scale > 1 ? Math.ceil(scale) : 1;
	const keep = scale / copies;
	const areas: Area[] = [];
	for (const spec of AREA_SPECS) {
		const area: Area = {
			name: spec.name,
			code: spec.code,
			kind: spec.kind,
			feeRate: spec.feeRate,
			buildings: [],
			units: []
		};
		for (let copy = 0; copy < copies; copy++) {
			if (spec.kind === 'residential') {
				for (let b = 1; b <= spec.buildings; b++) {
					const number = b + copy * spec.buildings;
					const full = draftResidentialBuilding(rng, spec, number);
					const floors = full.reduce((top, d) => Math.max(top, d.floor), 0);
					// Buildings of seven floors or fewer were built without lifts.
					const building: Building = {
						name: `${number}栋`,
						area: spec.name,
						floors,
						hasLift: floors > 7,
						units: []
					};
					building.units = thinDrafts(rng, full, keep).map((draft) =>
						completeUnit(rng, draft, area, building.name, spec.parkingFee)
					);
					area.buildings.push(building);
				}
			} else {
				const { building: name, prefix } = nameTowerCopy(spec, copy);
				const drafts = thinDrafts(rng, draftTowerBuilding(rng, spec, prefix), keep);
				const building: Building = {
					name,
					area: spec.name,
					floors: spec.floorLabels.length,
					hasLift: true,
					units: []
				};
				building.units = drafts.map((draft) => completeUnit(rng, draft, area, name, 0));
				area.buildings.push(building);
			}
		}
		area.units = area.buildings.flatMap((b) => b.units);
		areas.push(area);
	}
	const units = areas.flatMap((a) => a.units);
	units.forEach((unit, index) => (unit.index = index));
	return { areas, units };
}

export function findArea(places: Places, name: string): Area {
	const area = places.areas.find((a) => a.name === name);
	if (!area) throw new Error(`demo: unknown area ${name}`);
	return area;
}

export function findBuilding(places: Places, areaName: string, buildingName: string): Building {
	const building = findArea(places, areaName).buildings.find((b) => b.name === buildingName);
	if (!building) throw new Error(`demo: unknown building ${areaName} ${buildingName}`);
	return building;
}

export const UNIT_HEADERS = ['房号', '片区', '楼栋', '建筑面积', '物业类型', '入住状态'];

export async function writeUnitFile(places: Places, outDir: string): Promise<DemoFile> {
	const path = join(outDir, 'units.xlsx');
	const rows = places.units.map((u) => [
		u.code,
		u.area,
		u.building,
		u.floorArea,
		u.propertyType,
		u.occupancy
	]);
	const columns = UNIT_HEADERS.map((header) => ({ header, width: header === '房号' ? 16 : 12 }));
	return { path, kind: 'units', rows: await writeXlsxFile(path, { name: '房屋台账', columns, rows }) };
}
