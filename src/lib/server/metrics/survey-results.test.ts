import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type CourtyardDatabase } from '$pipelines/db/database.ts';
import { computeSurveyResults, type SurveyResults } from '../dashboards/survey-dashboard.ts';
import {
	defaultSurveySettings,
	neutralSatisfiedCalibre,
	type SurveyCalibre
} from '../settings/survey-settings.ts';
import type { AreaScope } from '../scope.ts';
import { listSurveyWaves, pickSurveyWaves } from './survey-waves.ts';
import {
	fixtureAreas,
	fixtureQuestions,
	generateSurveyFixture,
	writeSurveyFixture,
	type FixtureAnswer
} from './survey-fixture.test-helper.ts';

/*
 * Every survey figure recomputed by hand from the fixture rows (SPEC §5 Satisfaction) and compared with
 * what the SQL and the figure code produce: rates, bases, non-answers, screened-out respondents, Wilson
 * intervals with the finite-population correction, index, net, dimensions, area cells, the planner,
 * year-over-year tests, drivers and the TSM table.
 */

const answers = generateSurveyFixture();
const nonAnswers = ['na', 'dont_know', 'refused', 'blank'];
const scales = Object.fromEntries(fixtureQuestions.map((q) => [q.code, q.scale]));
const range = { likert5: [1, 5], sat3: [1, 3], score0_10: [0, 10] } as Record<string, [number, number]>;
const Z = 1.959963984540054;

let db: CourtyardDatabase;
let dir: string;

beforeAll(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-survey-'));
	db = await openDatabase(path.join(dir, 'test.duckdb'));
	await writeSurveyFixture(db, answers);
});

afterAll(() => {
	db.close();
	fs.rmSync(dir, { recursive: true, force: true });
});

async function computeResults(
	calibre: SurveyCalibre,
	scope: AreaScope = { kind: 'all' },
	area: string[] = []
) {
	const waves = await listSurveyWaves(db.writer, scope);
	const picked = pickSurveyWaves(waves, {});
	return computeSurveyResults(db.writer, { area, building: [] }, scope, defaultSurveySettings, calibre, {
		wave: picked.wave!,
		previous: picked.previous
	});
}

/** Textbook Wilson with n replaced by the effective n / f², f² = (N − n)/(N − 1). */
function wilson(successes: number, n: number, population: number | null) {
	if (n === 0) return null;
	const p = successes / n;
	if (population !== null && n >= population) return { low: p, high: p };
	const f2 = population === null ? 1 : (population - n) / (population - 1);
	const effective = n / f2;
	const z2 = Z * Z;
	const centre = (p + z2 / (2 * effective)) / (1 + z2 / effective);
	const half =
		(Z * Math.sqrt((p * (1 - p)) / effective + z2 / (4 * effective * effective))) / (1 + z2 / effective);
	return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Φ by Simpson's rule over the density: slow, simple, and nothing like the code under test. */
function normalCdf(x: number): number {
	const steps = 20000;
	const from = -12;
	const h = (x - from) / steps;
	const density = (t: number) => Math.exp((-t * t) / 2) / Math.sqrt(2 * Math.PI);
	let sum = density(from) + density(x);
	for (let i = 1; i < steps; i++) sum += density(from + i * h) * (i % 2 === 0 ? 2 : 4);
	return (sum * h) / 3;
}

function isScreenedOut(answer: FixtureAnswer): boolean {
	const screening = fixtureQuestions.find((q) => q.code === answer.code)?.screening;
	if (!screening) return false;
	const pass = answers.find(
		(a) => a.wave === answer.wave && a.respondent === answer.respondent && a.code === screening
	);
	return pass?.answer !== 'yes';
}

function expectFigure(rows: FixtureAnswer[], calibre: SurveyCalibre, population: number | null) {
	const inBase = rows.filter((a) => !isScreenedOut(a) && a.score !== null);
	const satisfied = inBase.filter(
		(a) => a.score! >= calibre.satisfiedFrom[scales[a.code] as 'likert5']
	).length;
	const dissatisfied = inBase.filter(
		(a) => a.score! <= calibre.dissatisfiedTo[scales[a.code] as 'likert5']
	).length;
	const indexOf = (a: FixtureAnswer) => {
		const [min, max] = range[scales[a.code]];
		return ((a.score! - min) / (max - min)) * 100;
	};
	return {
		base: inBase.length,
		satisfied,
		dissatisfied,
		screenedOut: rows.filter(isScreenedOut).length,
		na: rows.filter((a) => !isScreenedOut(a) && a.answer === 'na').length,
		dontKnow: rows.filter((a) => !isScreenedOut(a) && a.answer === 'dont_know').length,
		offScale: rows.filter((a) => !isScreenedOut(a) && a.score === null && !nonAnswers.includes(a.answer))
			.length,
		rate: inBase.length ? satisfied / inBase.length : null,
		net: inBase.length ? (satisfied - dissatisfied) / inBase.length : null,
		index: inBase.length ? inBase.reduce((sum, a) => sum + indexOf(a), 0) / inBase.length : null,
		interval: wilson(satisfied, inBase.length, population)
	};
}

const totalUnits = Object.values(fixtureAreas).reduce((a, b) => a + b, 0);
const ratedCodes = fixtureQuestions.filter((q) => q.scale !== 'yes_no').map((q) => q.code);

describe('survey results for a wave', () => {
	let results: SurveyResults;
	beforeAll(async () => {
		results = await computeResults(defaultSurveySettings.calibres[0]);
	});

	it('picks the newest wave and the one before it', () => {
		expect(results.wave.id).toBe('2026');
		expect(results.previous?.id).toBe('2025');
		expect(results.population).toBe(totalUnits);
		expect(results.respondents).toBe(
			new Set(answers.filter((a) => a.wave === '2026').map((a) => a.respondent)).size
		);
	});

	it('gives every rated question its base, non-answers, screened-out count, rate, interval, index and net', () => {
		expect(results.questions.map((q) => q.code)).toEqual(ratedCodes);
		for (const question of results.questions) {
			const expected = expectFigure(
				answers.filter((a) => a.wave === '2026' && a.code === question.code),
				defaultSurveySettings.calibres[0],
				totalUnits
			);
			expect(question.base, question.code).toBe(expected.base);
			expect(question.satisfied).toBe(expected.satisfied);
			expect(question.dissatisfied).toBe(expected.dissatisfied);
			expect(question.screenedOut).toBe(expected.screenedOut);
			expect(question.nonAnswers.na).toBe(expected.na);
			expect(question.nonAnswers.dont_know).toBe(expected.dontKnow);
			expect(question.offScale).toBe(expected.offScale);
			expect(question.rate).toBeCloseTo(expected.rate!, 12);
			expect(question.netSatisfaction).toBeCloseTo(expected.net!, 12);
			expect(question.index).toBeCloseTo(expected.index!, 9);
			expect(question.interval!.low).toBeCloseTo(expected.interval!.low, 9);
			expect(question.interval!.high).toBeCloseTo(expected.interval!.high, 9);
		}
	});

	it('keeps screened-out respondents and non-answers out of the base', () => {
		const q3 = results.questions.find((q) => q.code === 'Q3')!;
		expect(q3.screenedOut).toBeGreaterThan(50);
		const asked = answers.filter((a) => a.wave === '2026' && a.code === 'Q3').length;
		const left = q3.nonAnswers.na + q3.nonAnswers.dont_know + q3.nonAnswers.refused + q3.nonAnswers.blank;
		expect(q3.base + q3.screenedOut + left + q3.offScale).toBe(asked);
	});

	it('pools a dimension’s questions across their scales', () => {
		const repairs = results.dimensions.find((d) => d.dimension === 'repairs')!;
		expect(repairs.questionCodes).toEqual(['Q3', 'Q4']);
		const expected = expectFigure(
			answers.filter((a) => a.wave === '2026' && (a.code === 'Q3' || a.code === 'Q4')),
			defaultSurveySettings.calibres[0],
			totalUnits
		);
		expect(repairs.base).toBe(expected.base);
		expect(repairs.satisfied).toBe(expected.satisfied);
		expect(repairs.index).toBeCloseTo(expected.index!, 9);
		expect(repairs.distribution).toEqual([]);
	});

	it('fills the area × dimension cells with each area’s units as N and greys small samples', () => {
		for (const cell of results.areaCells) {
			const codes = fixtureQuestions.filter((q) => (q.dimension ?? '') === cell.dimension).map((q) => q.code);
			const expected = expectFigure(
				answers.filter((a) => a.wave === '2026' && a.area === cell.area && codes.includes(a.code)),
				defaultSurveySettings.calibres[0],
				fixtureAreas[cell.area as keyof typeof fixtureAreas]
			);
			expect(cell.base, `${cell.area} ${cell.dimension}`).toBe(expected.base);
			expect(cell.rate).toBeCloseTo(expected.rate!, 12);
			expect(cell.interval!.low).toBeCloseTo(expected.interval!.low, 9);
			expect(cell.smallSample).toBe(expected.base < 30);
		}
		expect(results.areaCells.filter((c) => c.area === '小楼').every((c) => c.smallSample)).toBe(true);
		expect(results.areaCells.filter((c) => c.area === '北苑').some((c) => c.smallSample)).toBe(false);
	});

	it('sets each area’s response rate against the planner’s target', () => {
		for (const response of results.areaResponses) {
			const N = fixtureAreas[response.area as keyof typeof fixtureAreas];
			const respondents = new Set(
				answers.filter((a) => a.wave === '2026' && a.area === response.area).map((a) => a.respondent)
			).size;
			expect(response.respondents).toBe(respondents);
			expect(response.responseRate).toBeCloseTo(respondents / N, 12);
			const needed = [0.05, 0.04, 0.03].map((e) => {
				const n0 = (1.96 * 1.96 * 0.25) / (e * e);
				return Math.ceil(n0 / (1 + (n0 - 1) / N));
			});
			expect(response.plan.map((p) => p.needed)).toEqual(needed);
			expect(response.meetsTarget).toBe(respondents >= needed[0]);
		}
	});

	it('tests every year-over-year change with a two-proportion z-test and names what changed', () => {
		const changes = results.changes!;
		for (const change of [...changes.byQuestion, ...changes.byArea]) {
			const pick = (wave: string) =>
				expectFigure(
					answers.filter(
						(a) =>
							a.wave === wave && a.code === change.code && (change.area === null || a.area === change.area)
					),
					defaultSurveySettings.calibres[0],
					null
				);
			const now = pick('2026');
			const before = pick('2025');
			expect(change.current.base).toBe(now.base);
			expect(change.previous!.base).toBe(before.base);
			const pooled = (now.satisfied + before.satisfied) / (now.base + before.base);
			const z =
				(now.satisfied / now.base - before.satisfied / before.base) /
				Math.sqrt(pooled * (1 - pooled) * (1 / now.base + 1 / before.base));
			const p = 2 * (1 - normalCdf(Math.abs(z)));
			expect(change.test!.z, `${change.area} ${change.code}`).toBeCloseTo(z, 9);
			expect(change.test!.pValue).toBeCloseTo(p, 6);
			const small = now.base < 30 || before.base < 30;
			expect(change.significant).toBe(p < 0.05 && !small);
		}
		const south = changes.byArea.filter((c) => c.area === '南苑' && c.code === 'Q1')[0];
		expect(south.significant).toBe(true);
		expect(changes.byQuestion.find((c) => c.code === 'Q2')!.warnings).toEqual(['wording']);
		expect(changes.byQuestion.find((c) => c.code === 'Q1')!.warnings).toEqual([]);
	});

	it('correlates each dimension with overall satisfaction across respondents', () => {
		expectDrivers(results);
	});
});

/** Each driver recomputed from the respondents of `areas` (all areas when empty). */
function expectDrivers(results: SurveyResults, areas: string[] = []) {
	expect(results.drivers.length).toBeGreaterThan(0);
	for (const driver of results.drivers) {
		const codes = fixtureQuestions.filter((q) => q.dimension === driver.dimension).map((q) => q.code);
		const byRespondent = new Map<string, { overall?: number; values: number[] }>();
		for (const a of answers) {
			if (a.wave !== '2026' || a.score === null || isScreenedOut(a)) continue;
			if (areas.length > 0 && !areas.includes(a.area)) continue;
			const entry = byRespondent.get(a.respondent) ?? { values: [] };
			const [min, max] = range[scales[a.code]];
			if (a.code === 'Q1') entry.overall = (a.score - min) / (max - min);
			else if (codes.includes(a.code)) entry.values.push((a.score - min) / (max - min));
			byRespondent.set(a.respondent, entry);
		}
		const pairs = [...byRespondent.values()]
			.filter((e) => e.overall !== undefined && e.values.length > 0)
			.map((e) => [e.values.reduce((s, v) => s + v, 0) / e.values.length, e.overall!] as const);
		const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
		const mx = mean(pairs.map((p) => p[0]));
		const my = mean(pairs.map((p) => p[1]));
		const cov = pairs.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
		const vx = pairs.reduce((s, [x]) => s + (x - mx) ** 2, 0);
		const vy = pairs.reduce((s, [, y]) => s + (y - my) ** 2, 0);
		expect(driver.pairs, driver.dimension).toBe(pairs.length);
		expect(driver.importance).toBeCloseTo(cov / Math.sqrt(vx * vy), 9);
		expect(driver.performance).toBe(results.dimensions.find((d) => d.dimension === driver.dimension)!.rate);
	}
	expect(results.drivers.map((d) => d.dimension)).not.toContain('overall');
}

describe('calibres, scope and area filters', () => {
	it('counts neutral answers as satisfied under the neutral calibre, and keeps TSM on the default', async () => {
		const results = await computeResults(neutralSatisfiedCalibre);
		for (const question of results.questions) {
			const expected = expectFigure(
				answers.filter((a) => a.wave === '2026' && a.code === question.code),
				neutralSatisfiedCalibre,
				totalUnits
			);
			expect(question.satisfied, question.code).toBe(expected.satisfied);
		}
		const q1 = results.questions.find((q) => q.code === 'Q1')!;
		const byDefault = expectFigure(
			answers.filter((a) => a.wave === '2026' && a.code === 'Q1'),
			defaultSurveySettings.calibres[0],
			totalUnits
		);
		expect(q1.satisfied).toBeGreaterThan(byDefault.satisfied);
		expect(results.tsm.find((row) => row.code === 'TP01')!.question!.satisfied).toBe(byDefault.satisfied);
		expect(results.ratesByCalibre.find((r) => r.calibre.id === 'top2')!.rates.Q1).toBeCloseTo(
			byDefault.rate!,
			12
		);
	});

	it('sees only the areas in the caller’s scope, and only the page’s areas', async () => {
		const scoped = await computeResults(defaultSurveySettings.calibres[0], {
			kind: 'areas',
			areas: ['南苑']
		});
		const filtered = await computeResults(defaultSurveySettings.calibres[0], { kind: 'all' }, ['南苑']);
		for (const results of [scoped, filtered]) {
			const q1 = results.questions.find((q) => q.code === 'Q1')!;
			const expected = expectFigure(
				answers.filter((a) => a.wave === '2026' && a.code === 'Q1' && a.area === '南苑'),
				defaultSurveySettings.calibres[0],
				fixtureAreas['南苑']
			);
			expect(q1.base).toBe(expected.base);
			expect(q1.interval!.high).toBeCloseTo(expected.interval!.high, 9);
			expect(results.areaResponses.map((r) => r.area)).toEqual(['南苑']);
			expectDrivers(results, ['南苑']);
		}
	});
});
