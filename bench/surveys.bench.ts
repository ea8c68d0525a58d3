// Survey speed for `npm run bench` (issue 5): a wave of 300,000 respondents loaded into a copy of the demo
// database through the real pipeline, then the survey page's figures timed on it. One run; the machine is shared.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { openDatabase, queryRows } from '../pipelines/db/database.ts';
import { applyDemoQuestionnaire } from '../pipelines/demo/survey-metadata.ts';
import { ensureDemoDatabase, samples, serverUrl, startServer, timeUrl } from './dashboards.bench.ts';
import { formatRate, measureIngest } from './ingest-measurement.ts';
import { surveyBenchHeader, writeBenchSurveyXlsx } from './survey-fixture.ts';

const outDir = path.resolve('bench', 'out');
const respondents = Number(process.env.BENCH_SURVEY_RESPONDENTS ?? 300_000);
/** A year after the demo's last wave, so the file forms a wave of its own, compared with the demo's 2026. */
const year = 2027;

interface LoadedWave {
	respondents: number;
	answers: number;
	previous: { id: string; respondents: number } | null;
}

/**
 * Fills in the wave's questionnaire the way the demo does after loading (screening link, TSM codes), so the
 * page runs the same screened-answer joins as on the demo's waves, and counts what was loaded.
 */
async function completeWave(database: string): Promise<LoadedWave> {
	const db = await openDatabase(database);
	try {
		const [{ occupied }] = await queryRows<{ occupied: number }>(
			db.writer,
			"SELECT count(*)::INTEGER AS occupied FROM units WHERE occupancy IS DISTINCT FROM '空置'"
		);
		await applyDemoQuestionnaire(db.writer, String(year), year, occupied);
		await db.writer.run('CHECKPOINT');
		const waves = await queryRows<{ id: string; respondents: number; answers: number }>(
			db.writer,
			`SELECT r.wave_id AS id, count(*)::INTEGER AS respondents,
				(SELECT count(*) FROM survey_answers a WHERE a.wave_id = r.wave_id)::INTEGER AS answers
				FROM survey_respondents r GROUP BY r.wave_id ORDER BY r.wave_id DESC`
		);
		const [loaded, previous] = waves;
		if (loaded?.id !== String(year)) throw new Error(`the bench survey did not form wave ${year}`);
		return { respondents: loaded.respondents, answers: loaded.answers, previous: previous ?? null };
	} finally {
		db.close();
	}
}

/** The survey page's JSON for the views a user opens most, and the page itself. */
function listSurveyUrls(): { label: string; url: string; isPage: boolean }[] {
	const wave = `wave=${year}`;
	const api = `${serverUrl}/api/surveys/results?${wave}`;
	return [
		{ label: `/api/surveys/results?${wave}`, url: api, isPage: false },
		{ label: '  &area=阳光新城', url: `${api}&area=${encodeURIComponent('阳光新城')}`, isPage: false },
		{ label: '  &calibre=top3', url: `${api}&calibre=top3`, isPage: false },
		{ label: '  &commentText=电梯', url: `${api}&commentText=${encodeURIComponent('电梯')}`, isPage: false },
		{ label: `page /satisfaction?${wave}`, url: `${serverUrl}/satisfaction?${wave}`, isPage: true }
	];
}

export async function runSurveyBench(): Promise<void> {
	fs.mkdirSync(outDir, { recursive: true });
	if (!fs.existsSync('build/index.js')) execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
	const fixture = path.join(outDir, `survey-${year}-${respondents}.xlsx`);
	if (!fs.existsSync(fixture)) await writeBenchSurveyXlsx(fixture, respondents, year);
	execFileSync(process.execPath, ['scripts/build-workers.mjs'], { stdio: 'inherit' });
	// A fresh copy each run: the load is what is measured, and a second load of one file is a duplicate.
	const database = path.join(outDir, `surveys-${respondents}.duckdb`);
	fs.rmSync(`${database}.wal`, { force: true });
	fs.copyFileSync(ensureDemoDatabase(), database);
	const load = measureIngest('ingest-into', database, fixture);
	const wave = await completeWave(database);

	const server = await startServer(database);
	const timings: { label: string; p50: number; p95: number; isPage: boolean }[] = [];
	try {
		for (const { label, url, isPage } of listSurveyUrls())
			timings.push({ label, isPage, ...(await timeUrl(url)) });
	} finally {
		server.kill();
	}

	const sizeMb = (fs.statSync(fixture).size / 1024 / 1024).toFixed(0);
	const rate = load.rows / load.seconds;
	console.log(
		`\nSurvey benchmark (${respondents.toLocaleString('en-US')} respondents × ${surveyBenchHeader.length} columns, ${sizeMb} MB XLSX; one run)`
	);
	console.log(
		`(a) XLSX survey ingest into the demo database   ${load.seconds.toFixed(2)} s  ${formatRate(load.rows, load.seconds)} respondents/s ` +
			`(target ≥ 20,000 rows/s) ${rate >= 20_000 ? 'PASS' : 'FAIL'}; peak RSS ${load.maxRssMb} MB ` +
			`(target < 1,024) ${load.maxRssMb < 1024 ? 'PASS' : 'FAIL'}`
	);
	console.log(
		`    wave ${year}: ${wave.respondents.toLocaleString('en-US')} respondents, ${wave.answers.toLocaleString('en-US')} answer rows ` +
			`(${formatRate(wave.answers, load.seconds)} answers/s); compared with wave ${wave.previous?.id ?? '—'} ` +
			`(${wave.previous?.respondents.toLocaleString('en-US') ?? 0} respondents)`
	);
	console.log(`\n(b) Survey results (${samples} sequential requests each after a warm-up)`);
	console.log('request'.padEnd(44) + 'p50 / p95 ms'.padStart(16));
	let failures = 0;
	for (const { label, p50, p95, isPage } of timings) {
		const pass = isPage || p95 < 250;
		if (!pass) failures++;
		console.log(
			label.padEnd(44) +
				`${p50.toFixed(0)} / ${p95.toFixed(0)}`.padStart(16) +
				(isPage ? '  (whole page, for reference)' : pass ? '  PASS' : '  FAIL')
		);
	}
	console.log(`survey JSON: p95 < 250 ms: ${failures === 0 ? 'PASS' : `${failures} FAIL`}`);
}
