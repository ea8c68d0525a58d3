import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, queryRows, type CourtyardDatabase } from '../db/database.ts';
import type { IngestResult } from '../load/ingest-file.ts';
import { DEFAULT_DEMO_SEED, buildDemoDataset } from './generate-demo.ts';
import { loadDemoData } from './load-demo.ts';

describe('loadDemoData', () => {
	it('loads every demo file (UTF-8, GB18030, XLSX; Chinese and English headers) whole, and every batch adds up', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-demo-load-'));
		const db = await openDatabase(path.join(dir, 'demo.duckdb'));
		try {
			const results = await loadDemoData(db, {
				workDir: path.join(dir, 'files'),
				scale: 0.05,
				inWorker: false
			});
			expect(results.map((r) => [r.file, r.status, r.rowsRejected])).toEqual(
				results.map((r) => [r.file, 'loaded', 0])
			);
			const batches = await queryRows<{ id: number; balanced: boolean; totals: number }>(
				db.writer,
				`SELECT id, rows_read = rows_loaded + rows_updated + rows_unchanged + rows_rejected + rows_skipped AS balanced,
					rows_skipped AS totals FROM import_batches ORDER BY id`
			);
			expect(batches.every((b) => b.balanced)).toBe(true);
			const [counts] = await queryRows<{ complaints: number; totalsRows: number }>(
				db.writer,
				`SELECT (SELECT count(*) FROM complaints)::INTEGER AS complaints,
					(SELECT count(*) FROM complaints WHERE id ILIKE '%合计%' OR area ILIKE '%合计%')::INTEGER AS "totalsRows"`
			);
			const complaintRows = results
				.filter((r) => r.kind === 'complaints')
				.reduce((sum, r) => sum + r.rowsLoaded, 0);
			expect(counts).toEqual({ complaints: complaintRows, totalsRows: 0 });
			const xlsx = results.find((r) => r.file.endsWith('.xlsx') && r.kind === 'complaints')!;
			expect(xlsx.rowsSkipped).toBeGreaterThanOrEqual(1);
			await checkSurveyQuestionnaires(db, results);
		} finally {
			db.close();
		}
	}, 180_000);
});

/** The questionnaire details the loader enters after the survey files, written out here by hand. */
async function checkSurveyQuestionnaires(db: CourtyardDatabase, results: IngestResult[]): Promise<void> {
	const occupied = buildDemoDataset(DEFAULT_DEMO_SEED, 0.05).places.units.filter(
		(u) => u.occupancy !== '空置'
	).length;
	const waves = await queryRows(
		db.writer,
		`SELECT id, year, fieldwork_start::VARCHAR AS fieldwork_start, fieldwork_end::VARCHAR AS fieldwork_end, method,
			sample_frame, units_surveyed, weighted, exclusions, incentives FROM survey_waves ORDER BY id`
	);
	expect(waves).toEqual(
		[2024, 2025, 2026].map((year) => ({
			id: String(year),
			year,
			fieldwork_start: `${year}-10-08`,
			fieldwork_end: `${year}-10-31`,
			method: '入户面访与线上问卷',
			sample_frame: '在住业户（不含空置房）',
			units_surveyed: occupied,
			weighted: false,
			exclusions: '空置房；入住不足三个月的业户',
			incentives: '无'
		}))
	);
	const expected = [
		['S1', 'yes_no', 'Had a repair in the last 12 months', null, null],
		['Q1', 'likert5', 'Overall satisfaction', null, 'TP01'],
		['Q2', 'likert5', 'Customer service', null, null],
		['Q3', 'likert5', 'Satisfaction with repairs', 'S1', 'TP02'],
		['Q4', 'likert5', 'Complaint handling', null, 'TP09'],
		['Q5', 'likert5', 'Cleanliness of communal areas', null, 'TP10'],
		['Q6', 'likert5', 'Greenery and landscaping', null, null],
		['Q7', 'likert5', 'Security and order', null, null],
		['Q8', 'likert5', 'Parking management', null, null],
		['Q9', 'likert5', 'Communication and keeping residents informed', null, 'TP07'],
		['Q10', 'likert5', 'Value for money of the service charge', null, null],
		['Q11', 'likert5', 'Building and fire safety', null, 'TP05']
	];
	for (const wave of ['2024', '2025', '2026']) {
		const questions = await queryRows<Record<string, string | null>>(
			db.writer,
			`SELECT code, scale, text_en, screening_code, tsm_code FROM survey_questions WHERE wave_id = $wave
				ORDER BY position`,
			{ wave }
		);
		expect(
			questions.map((q) => Object.values(q)),
			wave
		).toEqual(expected);
	}
	const respondents = results.filter((r) => r.kind === 'surveys').reduce((sum, r) => sum + r.rowsLoaded, 0);
	const [answers] = await queryRows<{ total: number; disagreeing: number; screenedOut: number }>(
		db.writer,
		`SELECT (SELECT count(*) FROM survey_answers)::INTEGER AS total,
			count(*) FILTER (WHERE (s.answer_code = 'no') <> (q3.answer_code = 'na'))::INTEGER AS disagreeing,
			count(*) FILTER (WHERE s.answer_code = 'no')::INTEGER AS "screenedOut"
			FROM survey_answers s JOIN survey_answers q3 USING (wave_id, respondent_id)
			WHERE s.question_code = 'S1' AND q3.question_code = 'Q3'`
	);
	expect(answers.total).toBe(respondents * 12);
	expect(answers.disagreeing).toBe(0);
	expect(answers.screenedOut).toBeGreaterThan(0);
}
