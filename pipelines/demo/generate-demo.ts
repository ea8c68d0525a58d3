/**
 * Deterministic demo data for Courtyard: the same seed and scale always give byte-identical files.
 * See PATTERNS.md for what is planted in the data and how strong it is.
 */
import { mkdir } from 'node:fs/promises';
import { writeComplaintFiles } from './complaint-files.ts';
import { buildComplaints, type ComplaintRecord } from './complaints.demo.ts';
import { writeFeeFiles } from './fee-files.ts';
import { buildFees, type FeeData } from './fees.demo.ts';
import { buildPlaces, writeUnitFile, type Places } from './places.ts';
import { createRng } from './random.ts';
import { writeRepairFiles } from './repair-files.ts';
import { buildRepairs, type RepairRecord } from './repairs.demo.ts';
import { buildSurveys, writeSurveyFiles, type SurveyResponse } from './surveys.demo.ts';
import type { DemoManifest } from './write-files.ts';

export type { DemoFile, DemoKind, DemoManifest } from './write-files.ts';

export const DEFAULT_DEMO_SEED = 20261031;

export interface DemoOptions {
	outDir: string;
	seed?: number;
	/** Multiplies every record count (units, complaints, repairs, bills, survey respondents); default 1. */
	scale?: number;
}

export interface DemoDataset {
	places: Places;
	complaints: ComplaintRecord[];
	repairs: RepairRecord[];
	fees: FeeData;
	surveys: SurveyResponse[];
}

function assertValidOptions(seed: number, scale: number): void {
	if (!Number.isInteger(seed)) throw new RangeError(`demo: seed must be an integer, got ${seed}`);
	if (!Number.isFinite(scale) || scale <= 0 || scale > 100) {
		throw new RangeError(`demo: scale must be a number in (0, 100], got ${scale}`);
	}
}

/** The records behind the files, in memory; tests read the planted patterns from here. */
export function buildDemoDataset(seed = DEFAULT_DEMO_SEED, scale = 1): DemoDataset {
	assertValidOptions(seed, scale);
	// Each kind draws from its own stream, so changing one generator leaves the others' data unchanged.
	const places = buildPlaces(createRng(seed, 'places'), scale);
	const complaints = buildComplaints(createRng(seed, 'complaints'), places, scale);
	const repairs = buildRepairs(createRng(seed, 'repairs'), places, scale);
	const fees = buildFees(createRng(seed, 'fees'), places);
	const surveys = buildSurveys(createRng(seed, 'surveys'), places, complaints, repairs, scale);
	return { places, complaints, repairs, fees, surveys };
}

/** Writes the demo files into outDir (created if missing) and lists them in load order. */
export async function generateDemoData(options: DemoOptions): Promise<DemoManifest> {
	const seed = options.seed ?? DEFAULT_DEMO_SEED;
	const scale = options.scale ?? 1;
	const dataset = buildDemoDataset(seed, scale);
	await mkdir(options.outDir, { recursive: true });
	const files = [
		await writeUnitFile(dataset.places, options.outDir),
		...(await writeComplaintFiles(createRng(seed, 'complaint-files'), dataset.complaints, options.outDir)),
		...(await writeRepairFiles(dataset.repairs, options.outDir)),
		...(await writeFeeFiles(dataset.fees, options.outDir)),
		...(await writeSurveyFiles(dataset.surveys, options.outDir))
	];
	const occupiedUnits = dataset.places.units.filter((u) => u.occupancy !== '空置').length;
	return { files, occupiedUnits };
}
