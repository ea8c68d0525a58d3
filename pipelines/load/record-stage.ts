import type { DuckDBConnection } from '@duckdb/node-api';
import type { KindDefinition } from '../kinds/kind-definition.ts';
import { queryRows } from '../db/database.ts';
import { quoteIdentifier, readStagedSql } from './merge-records.ts';
import type { StagedFile } from './parse-file.ts';

/** The stage: one temp table of a batch's valid, typed records (id, source_row, every field). */
export const stageTable = 'record_stage';

export function stageColumnsSql(kind: KindDefinition): string {
	return [
		'stage_id VARCHAR',
		'source_row INTEGER',
		...kind.fields.map((f) => `${quoteIdentifier(f.name)} ${f.sqlType}`)
	].join(', ');
}

export async function createEmptyStage(connection: DuckDBConnection, kind: KindDefinition): Promise<void> {
	await connection.run(`CREATE OR REPLACE TEMP TABLE ${stageTable} (${stageColumnsSql(kind)})`);
}

/** Appends a staged CSV written by the JavaScript path to the stage. */
export async function appendStagedFile(connection: DuckDBConnection, staged: StagedFile): Promise<void> {
	const columns = [
		{ name: 'stage_id', sqlType: 'VARCHAR' },
		{ name: 'source_row', sqlType: 'INTEGER' },
		...staged.columns
	];
	await connection.run(
		`INSERT INTO ${stageTable} BY NAME SELECT * FROM ${readStagedSql(staged.path, columns)}`
	);
}

export interface StageDuplicate {
	row: number;
	firstRow: number;
	id: string;
	hashed: boolean;
}

/**
 * Gives rows without an id their content hash (SPEC §4), then takes every later row of an id out of
 * the stage: a file must not say two things about one record.
 */
export async function settleStageIds(
	connection: DuckDBConnection,
	kind: KindDefinition
): Promise<StageDuplicate[]> {
	const content = kind.fields.map((f) => `coalesce(${quoteIdentifier(f.name)}::VARCHAR, '')`).join(', ');
	await connection.run(
		`UPDATE ${stageTable} SET stage_id = 'h:' || substr(sha256(concat_ws(chr(31), ${content})), 1, 24)
			WHERE stage_id IS NULL OR stage_id = ''`
	);
	const duplicates = await queryRows<StageDuplicate>(
		connection,
		`SELECT source_row AS row, first_row AS "firstRow", stage_id AS id, starts_with(stage_id, 'h:') AS hashed FROM (
			SELECT source_row, stage_id, min(source_row) OVER (PARTITION BY stage_id) AS first_row FROM ${stageTable})
			WHERE source_row <> first_row ORDER BY source_row`
	);
	if (duplicates.length > 0) {
		await connection.run(`DELETE FROM ${stageTable} WHERE source_row IN (SELECT unnest($rows::INTEGER[]))`, {
			rows: JSON.stringify(duplicates.map((d) => d.row))
		});
	}
	return duplicates;
}

/** Period and areas a batch covers, for links from its summary to the dashboards. */
export async function describeStage(
	connection: DuckDBConnection,
	periodField: string | null
): Promise<{ dateRange: { min: string; max: string } | null; areas: string[] }> {
	const [range] = periodField
		? await queryRows<{ min: string | null; max: string | null }>(
				connection,
				`SELECT min(${quoteIdentifier(periodField)})::VARCHAR AS min, max(${quoteIdentifier(periodField)})::VARCHAR AS max
					FROM ${stageTable}`
			)
		: [{ min: null, max: null }];
	const areas = await queryRows<{ area: string }>(
		connection,
		`SELECT DISTINCT area FROM ${stageTable} WHERE area IS NOT NULL ORDER BY area`
	);
	return {
		dateRange: range.min && range.max ? { min: range.min, max: range.max } : null,
		areas: areas.map((a) => a.area)
	};
}

/** A duplicate as a reject: its row, the id column (for an explicit id) and the reason in plain words. */
export function describeDuplicate(duplicate: StageDuplicate, idHeader: string | null) {
	return {
		row: duplicate.row,
		column: duplicate.hashed ? null : idHeader,
		value: duplicate.hashed ? null : duplicate.id,
		reason: duplicate.hashed
			? `duplicate of row ${duplicate.firstRow} of this file (same content)`
			: `duplicate id ${duplicate.id}: already on row ${duplicate.firstRow} of this file`
	};
}
