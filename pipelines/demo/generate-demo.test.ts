import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildComplaints, type ComplaintRecord } from './complaints.demo.ts';
import { DATA_END, LATEST_QUARTER_START, MS_DAY, MS_HOUR } from './dates.ts';
import { TRANSFER_PLAN } from './complaint-handling.ts';
import { ARREARS_PLAN, type FeeData } from './fees.demo.ts';
import { buildDemoDataset, generateDemoData, type DemoDataset, type DemoManifest } from './generate-demo.ts';
import { LIFT_HOTSPOT, buildPlaces } from './places.ts';
import { createRng } from './random.ts';
import { buildRepairs } from './repairs.demo.ts';
import {
	SURVEY_FIXED_HEADERS,
	SURVEY_QUESTIONS,
	SURVEY_SHIFTS,
	buildSurveys,
	type SurveyResponse
} from './surveys.demo.ts';

const SEED = 7;
const SCALE = 0.05;
const TRAILING_START = Date.UTC(2025, 7, 1);

let root: string;
let first: DemoManifest;
let second: DemoManifest;
let other: DemoManifest;
let dataset: DemoDataset;

async function hashFiles(manifest: DemoManifest): Promise<Map<string, string>> {
	const hashes = new Map<string, string>();
	for (const file of manifest.files) {
		hashes.set(
			basename(file.path),
			createHash('sha256')
				.update(await readFile(file.path))
				.digest('hex')
		);
	}
	return hashes;
}

beforeAll(async () => {
	root = await mkdtemp(join(tmpdir(), 'courtyard-demo-'));
	first = await generateDemoData({ outDir: join(root, 'a'), seed: SEED, scale: SCALE });
	second = await generateDemoData({ outDir: join(root, 'b'), seed: SEED, scale: SCALE });
	other = await generateDemoData({ outDir: join(root, 'c'), seed: SEED + 1, scale: SCALE });
	dataset = buildDemoDataset(SEED, SCALE);
});

afterAll(async () => {
	if (root) await rm(root, { recursive: true, force: true });
});

describe('generateDemoData: files', () => {
	it('writes byte-identical files for the same seed', async () => {
		const a = await hashFiles(first);
		const b = await hashFiles(second);
		expect(a.size).toBe(20);
		expect([...b.entries()]).toEqual([...a.entries()]);
		expect(first.files.map((f) => f.rows)).toEqual(second.files.map((f) => f.rows));
	});

	it('writes different files for a different seed', async () => {
		const a = await hashFiles(first);
		const c = await hashFiles(other);
		for (const [name, hash] of a) expect(c.get(name), name).not.toBe(hash);
	});

	it('lists every file it wrote, in load order', async () => {
		const order = ['units', 'complaints', 'repairs', 'fees', 'payments', 'surveys'];
		const kinds = first.files.map((f) => order.indexOf(f.kind));
		expect(kinds).toEqual([...kinds].sort((x, y) => x - y));
		expect(new Set(first.files.map((f) => f.kind)).size).toBe(6);
		const written = await readdir(join(root, 'a'));
		expect(written.sort()).toEqual(first.files.map((f) => basename(f.path)).sort());
		expect(first.files.filter((f) => f.kind === 'surveys').map((f) => f.wave)).toEqual([
			'2024',
			'2025',
			'2026'
		]);
	});

	it('writes CSVs whose record counts match the manifest, in the planned encodings', async () => {
		for (const file of first.files.filter((f) => f.path.endsWith('.csv'))) {
			const bytes = await readFile(file.path);
			const gb18030 = basename(file.path) === 'complaints-2023.csv';
			const text = new TextDecoder(gb18030 ? 'gb18030' : 'utf-8').decode(bytes);
			const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
			expect(parsed.errors, file.path).toEqual([]);
			expect(parsed.data.length - 1, file.path).toBe(file.rows);
			expect(
				parsed.data[0].every((h) => /[\u4e00-\u9fa5]/.test(h)),
				file.path
			).toBe(true);
		}
		const bom = (name: string) =>
			readFile(join(root, 'a', name)).then((b) => b.subarray(0, 3).toString('hex'));
		expect(await bom('complaints-2024.csv')).toBe('efbbbf');
		expect(await bom('complaints-2025.csv')).not.toBe('efbbbf');
	});

	it('writes the latest complaints as XLSX with a title row, English headers, date cells and a totals row', async () => {
		const file = first.files.find((f) => basename(f.path) === 'complaints-2026.xlsx');
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.readFile(file?.path ?? '');
		const sheet = workbook.worksheets[0];
		expect(sheet.getRow(1).getCell(1).value).toBe('2026年度投诉台账');
		expect(sheet.getRow(2).getCell(1).value).toBe('Complaint ID');
		expect(sheet.getRow(3).getCell(2).value).toBeInstanceOf(Date);
		expect(sheet.getRow(sheet.rowCount).getCell(1).value).toBe('合计');
		expect(sheet.rowCount - 3).toBe(file?.rows);
		// The hotspot is in this file: count it from the cells.
		let hotspot = 0;
		sheet.eachRow((row, n) => {
			if (n < 3 || n === sheet.rowCount) return;
			const received = row.getCell(2).value as Date;
			const [area, building, category] = [4, 5, 7].map((c) => row.getCell(c).value);
			if (area === LIFT_HOTSPOT.area && building === LIFT_HOTSPOT.building && category === '电梯') {
				if (received.getTime() >= LATEST_QUARTER_START) hotspot++;
			}
		});
		expect(hotspot).toBeGreaterThanOrEqual(30);
	});
});

describe('generateDemoData: survey files', () => {
	it('puts the screening question S1 before Q1, 是 exactly for the units whose Q3 is answered', async () => {
		const byId = new Map(dataset.surveys.map((r) => [r.id, r]));
		let checked = 0;
		for (const file of first.files.filter((f) => f.kind === 'surveys')) {
			const workbook = new ExcelJS.Workbook();
			await workbook.xlsx.readFile(file.path);
			const sheet = workbook.worksheets[0];
			const header = (sheet.getRow(1).values as unknown[]).slice(1);
			expect(header).toEqual([
				...SURVEY_FIXED_HEADERS,
				'S1 过去12个月是否报修过',
				...SURVEY_QUESTIONS.map((q) => `${q.code} ${q.text}`),
				'意见建议'
			]);
			const s1 = header.indexOf('S1 过去12个月是否报修过') + 1;
			const q3 = header.indexOf('Q3 报修维修') + 1;
			sheet.eachRow((row, n) => {
				if (n === 1) return;
				const response = byId.get(row.getCell(1).value as string)!;
				expect(row.getCell(s1).value).toBe(response.repaired ? '是' : '否');
				expect(row.getCell(s1).value === '否').toBe(row.getCell(q3).value === '不适用');
				checked++;
			});
		}
		expect(checked).toBe(dataset.surveys.length);
		expect(dataset.surveys.filter((r) => r.repaired).length).toBeGreaterThan(0);
		expect(dataset.surveys.filter((r) => !r.repaired).length).toBeGreaterThan(0);
	});
});

describe('buildDemoDataset: volumes', () => {
	it('scales every record count', () => {
		const expectWithin = (actual: number, planned: number) => {
			expect(actual).toBeGreaterThan(planned * 0.7);
			expect(actual).toBeLessThan(planned * 1.4);
		};
		expectWithin(dataset.places.units.length, 6_200 * SCALE);
		expectWithin(dataset.complaints.length, 25_000 * SCALE + 50);
		expectWithin(dataset.repairs.length, 60_000 * SCALE);
		expectWithin(dataset.fees.bills.length, 270_000 * SCALE);
		expectWithin(dataset.surveys.length, 7_500 * SCALE);
	});

	it('keeps complaint shares close to plan', () => {
		const share = (f: (c: ComplaintRecord) => boolean) =>
			dataset.complaints.filter(f).length / dataset.complaints.length;
		expect(share((c) => c.transferred)).toBeGreaterThan(0.14);
		expect(share((c) => c.transferred)).toBeLessThan(0.27);
		expect(share((c) => !c.valid)).toBeLessThan(0.13);
		expect(share((c) => c.severity === '一般')).toBeGreaterThan(0.78);
		expect(share((c) => c.resolvedAt === null)).toBeLessThan(0.07);
		expect(dataset.complaints.every((c) => c.receivedAt <= DATA_END && (c.resolvedAt ?? 0) <= DATA_END)).toBe(
			true
		);
	});
});

function countBy<T>(items: T[], key: (item: T) => string | null): Map<string, number> {
	const counts = new Map<string, number>();
	for (const item of items) {
		const k = key(item);
		if (k !== null) counts.set(k, (counts.get(k) ?? 0) + 1);
	}
	return counts;
}

describe('planted pattern 1: lift-complaint hotspot', () => {
	it('spikes in the latest quarter against a baseline of about 1–2 a month', () => {
		const lifts = dataset.complaints.filter(
			(c) => c.area === LIFT_HOTSPOT.area && c.building === LIFT_HOTSPOT.building && c.category === '电梯'
		);
		const latest = lifts.filter((c) => c.receivedAt >= LATEST_QUARTER_START).length;
		const trailingMonthly =
			lifts.filter((c) => c.receivedAt >= TRAILING_START && c.receivedAt < LATEST_QUARTER_START).length / 12;
		expect(latest).toBeGreaterThanOrEqual(30);
		expect(trailingMonthly).toBeGreaterThan(0.5);
		expect(trailingMonthly).toBeLessThan(3);
		// SPEC hotspot rule on quarters: exceeds the trailing quarterly mean by ≥ 2 Poisson SD and ≥ 3.
		const mean = trailingMonthly * 3;
		expect(latest - mean).toBeGreaterThan(Math.max(3, 2 * Math.sqrt(mean)));
	});

	it('is the strongest area × category spike of the latest quarter', () => {
		const latest = countBy(dataset.complaints, (c) =>
			c.receivedAt >= LATEST_QUARTER_START ? `${c.area}|${c.category}` : null
		);
		const trailing = countBy(dataset.complaints, (c) =>
			c.receivedAt >= TRAILING_START && c.receivedAt < LATEST_QUARTER_START ? `${c.area}|${c.category}` : null
		);
		const cells = [...latest].map(([cell, count]) => {
			const mean = (trailing.get(cell) ?? 0) / 4;
			return { cell, excess: count - mean, z: (count - mean) / Math.sqrt(Math.max(mean, 1)) };
		});
		const target = `${LIFT_HOTSPOT.area}|电梯`;
		expect(cells.reduce((best, c) => (c.z > best.z ? c : best)).cell).toBe(target);
		expect(cells.reduce((best, c) => (c.excess > best.excess ? c : best)).cell).toBe(target);
	});
});

describe('planted pattern 2: slow transfers in one department', () => {
	it('misses the 72-hour rule on ~40 % of its transferred complaints, others rarely', () => {
		const missRate = (department: string) => {
			const transferred = dataset.complaints.filter((c) => c.transferred && c.department === department);
			const late = transferred.filter((c) => (c.resolvedAt ?? DATA_END) - c.receivedAt > 72 * MS_HOUR);
			return { n: transferred.length, rate: late.length / transferred.length };
		};
		const slow = missRate(TRANSFER_PLAN.slowDepartment);
		expect(slow.rate).toBeGreaterThan(0.3);
		expect(slow.rate).toBeLessThan(0.5);
		for (const department of ['客服部', '秩序部', '环境部', '财务部']) {
			const { n, rate } = missRate(department);
			expect(n, department).toBeGreaterThan(0);
			expect(rate, department).toBeLessThan(0.15);
		}
	});
});

/** Arrears by area older than 180 days at DATA_END, with unlinked payments on the oldest open bill first. */
function measureAgedArrears(fees: FeeData): Map<string, number> {
	const open = new Map(fees.bills.map((b) => [b.id, b.amountCents]));
	const billsOfUnit = new Map<string, string[]>();
	for (const bill of fees.bills) {
		const ids = billsOfUnit.get(bill.unit) ?? [];
		ids.push(bill.id);
		billsOfUnit.set(bill.unit, ids);
	}
	for (const payment of fees.payments) {
		if (!payment.unlinked) {
			open.set(payment.billId, (open.get(payment.billId) as number) - payment.amountCents);
			continue;
		}
		let left = payment.amountCents;
		for (const id of billsOfUnit.get(payment.unit) ?? []) {
			const due = open.get(id) as number;
			const applied = Math.min(Math.max(due, 0), left);
			open.set(id, due - applied);
			left -= applied;
		}
	}
	const aged = new Map<string, number>();
	for (const bill of fees.bills) {
		const due = open.get(bill.id) as number;
		if (due > 0 && DATA_END - bill.dueAt > 180 * MS_DAY)
			aged.set(bill.area, (aged.get(bill.area) ?? 0) + due);
	}
	return aged;
}

describe('planted pattern 3: long-aged arrears in one office tower', () => {
	it('gives that tower the largest arrears over 180 days', () => {
		// About 4.5× the next area at scale 1; at the test scale a single chronic debtor elsewhere weighs more.
		const aged = [...measureAgedArrears(dataset.fees)].sort((x, y) => y[1] - x[1]);
		expect(aged[0][0]).toBe(ARREARS_PLAN.area);
		expect(aged[0][1]).toBeGreaterThan(1.2 * aged[1][1]);
	});

	it('leaves about 5 % of separate payments without a bill id, all for known units', () => {
		const separate = dataset.fees.payments.filter((p) => !p.billId.slice(2).startsWith('2024'));
		const unlinked = separate.filter((p) => p.unlinked);
		expect(unlinked.length / separate.length).toBeGreaterThan(0.04);
		expect(unlinked.length / separate.length).toBeLessThan(0.06);
		const units = new Set(dataset.places.units.map((u) => u.code));
		expect(unlinked.every((p) => units.has(p.unit))).toBe(true);
	});
});

function measureRate(
	responses: SurveyResponse[],
	area: string,
	code: string,
	wave: number
): { n: number; rate: number } {
	const q = SURVEY_QUESTIONS.findIndex((question) => question.code === code);
	const answers = responses.filter((r) => r.area === area && r.wave === wave).map((r) => r.answers[q]);
	const onScale = answers.filter((a): a is 1 | 2 | 3 | 4 | 5 => typeof a === 'number');
	return { n: onScale.length, rate: onScale.filter((a) => a >= 4).length / onScale.length };
}

function testTwoProportions(a: { n: number; rate: number }, b: { n: number; rate: number }): number {
	const pooled = (a.rate * a.n + b.rate * b.n) / (a.n + b.n);
	return (b.rate - a.rate) / Math.sqrt(pooled * (1 - pooled) * (1 / a.n + 1 / b.n));
}

describe('planted pattern 4: survey changes 2025 → 2026', () => {
	it('moves the planted cells at the test scale', () => {
		for (const shift of SURVEY_SHIFTS) {
			const before = measureRate(dataset.surveys, shift.area, shift.code, 2025).rate;
			const after = measureRate(dataset.surveys, shift.area, shift.code, 2026).rate;
			expect(Math.abs(after - before), `${shift.area} ${shift.code}`).toBeGreaterThan(0.15);
			expect(Math.sign(after - before)).toBe(Math.sign(shift.rates[2026] - shift.rates[2025]));
		}
	});

	it('at scale 1, only the planted cells change significantly, and dimensions drive overall satisfaction', () => {
		const places = buildPlaces(createRng(SEED, 'places'), 1);
		const complaints = buildComplaints(createRng(SEED, 'complaints'), places, 1);
		const repairs = buildRepairs(createRng(SEED, 'repairs'), places, 1);
		const surveys = buildSurveys(createRng(SEED, 'surveys'), places, complaints, repairs, 1);
		const significant: string[] = [];
		for (const area of places.areas) {
			for (const q of SURVEY_QUESTIONS) {
				const z = testTwoProportions(
					measureRate(surveys, area.name, q.code, 2025),
					measureRate(surveys, area.name, q.code, 2026)
				);
				if (Math.abs(z) > 1.96) significant.push(`${area.name} ${q.code}`);
			}
		}
		expect(significant.sort()).toEqual(SURVEY_SHIFTS.map((s) => `${s.area} ${s.code}`).sort());
		for (let q = 1; q < SURVEY_QUESTIONS.length; q++) {
			const pairs = surveys.filter(
				(r) => typeof r.answers[0] === 'number' && typeof r.answers[q] === 'number'
			);
			const xs = pairs.map((r) => r.answers[0] as number);
			const ys = pairs.map((r) => r.answers[q] as number);
			const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
			const [mx, my] = [mean(xs), mean(ys)];
			const cov = xs.reduce((s, x, i) => s + (x - mx) * (ys[i] - my), 0);
			const r =
				cov /
				Math.sqrt(xs.reduce((s, x) => s + (x - mx) ** 2, 0) * ys.reduce((s, y) => s + (y - my) ** 2, 0));
			expect(r, SURVEY_QUESTIONS[q].code).toBeGreaterThan(0.3);
		}
	});
});
