/**
 * Versioned schema. Never edit a released migration: add a new one.
 * Record tables carry no PRIMARY KEY constraint on purpose: the loader guarantees one row per id
 * (bulk inserts into an ART index are slow, and DuckDB's over-eager unique checks break update-in-place);
 * each record table has a twin `<table>_history` holding replaced versions, which rollback restores.
 */
export interface Migration {
	version: number;
	name: string;
	statements: string[];
}

/** Columns every loaded record carries: its id, the batch that wrote this version, and the source row. */
const recordColumns = 'id VARCHAR NOT NULL, batch_id BIGINT NOT NULL, source_row INTEGER';

const recordTables: Record<string, string> = {
	units: `${recordColumns}, unit_code VARCHAR NOT NULL, area VARCHAR NOT NULL, building VARCHAR,
		floor_area DECIMAL(12,2), property_type VARCHAR, occupancy VARCHAR`,
	complaints: `${recordColumns}, received_at TIMESTAMP NOT NULL, channel VARCHAR, area VARCHAR NOT NULL,
		building VARCHAR, unit VARCHAR, category VARCHAR NOT NULL, severity VARCHAR NOT NULL, validity VARCHAR NOT NULL,
		invalid_reason VARCHAR, department VARCHAR, transferred BOOLEAN NOT NULL, first_response_at TIMESTAMP,
		resolved_at TIMESTAMP, return_visit_at TIMESTAMP, return_visit_result VARCHAR, escalation_level TINYINT,
		status VARCHAR, description VARCHAR, resident_name VARCHAR, resident_phone VARCHAR`,
	work_orders: `${recordColumns}, reported_at TIMESTAMP NOT NULL, area VARCHAR NOT NULL, building VARCHAR,
		unit VARCHAR, location VARCHAR, trade VARCHAR NOT NULL, priority VARCHAR NOT NULL, agreed_at TIMESTAMP,
		arrived_at TIMESTAMP, completed_at TIMESTAMP, team VARCHAR, rework_count INTEGER, accepted BOOLEAN,
		return_visit_at TIMESTAMP, satisfaction VARCHAR, fee DECIMAL(14,2), status VARCHAR`,
	fee_bills: `${recordColumns}, unit VARCHAR NOT NULL, area VARCHAR NOT NULL, building VARCHAR,
		fee_type VARCHAR NOT NULL, period DATE NOT NULL, amount_due DECIMAL(14,2) NOT NULL, due_date DATE NOT NULL`,
	payments: `${recordColumns}, bill_id VARCHAR, unit VARCHAR, area VARCHAR, building VARCHAR,
		paid_at TIMESTAMP NOT NULL, amount DECIMAL(14,2) NOT NULL, method VARCHAR`,
	survey_respondents: `${recordColumns}, wave_id VARCHAR NOT NULL, respondent_id VARCHAR NOT NULL,
		area VARCHAR NOT NULL, building VARCHAR, unit VARCHAR, respondent_type VARCHAR, response_date DATE,
		comments VARCHAR, answers_digest VARCHAR NOT NULL`
};

function createRecordTable(table: string, columns: string): string[] {
	return [
		`CREATE TABLE ${table} (${columns})`,
		`CREATE TABLE ${table}_history AS SELECT *, NULL::BIGINT AS replaced_by_batch,
			NULL::TIMESTAMP AS replaced_at FROM ${table} WITH NO DATA`
	];
}

export const migrations: Migration[] = [
	{
		version: 1,
		name: 'initial data model',
		statements: [
			'CREATE SEQUENCE batch_id_seq START 1',
			`CREATE TABLE import_batches (
				id BIGINT NOT NULL, kind VARCHAR NOT NULL, file_name VARCHAR NOT NULL, file_size BIGINT NOT NULL,
				sha256 VARCHAR NOT NULL, stored_file VARCHAR, uploaded_by VARCHAR NOT NULL, source VARCHAR NOT NULL,
				started_at TIMESTAMP NOT NULL, finished_at TIMESTAMP, status VARCHAR NOT NULL,
				rows_read INTEGER NOT NULL DEFAULT 0, rows_loaded INTEGER NOT NULL DEFAULT 0,
				rows_updated INTEGER NOT NULL DEFAULT 0, rows_unchanged INTEGER NOT NULL DEFAULT 0,
				rows_rejected INTEGER NOT NULL DEFAULT 0, rows_skipped INTEGER NOT NULL DEFAULT 0,
				format VARCHAR, encoding VARCHAR, sheet_name VARCHAR, header_row INTEGER, header_cells JSON,
				column_mapping JSON, wave_id VARCHAR, message VARCHAR, rolled_back_at TIMESTAMP, rolled_back_by VARCHAR)`,
			`CREATE TABLE quarantined_rows (
				batch_id BIGINT NOT NULL, row_number INTEGER NOT NULL, column_name VARCHAR, value VARCHAR,
				reason VARCHAR NOT NULL, row_cells JSON)`,
			`CREATE TABLE areas (area VARCHAR NOT NULL, area_type VARCHAR, display_order INTEGER)`,
			...Object.entries(recordTables).flatMap(([table, columns]) => createRecordTable(table, columns)),
			`CREATE TABLE survey_waves (
				id VARCHAR NOT NULL, name VARCHAR NOT NULL, year INTEGER, fieldwork_start DATE, fieldwork_end DATE,
				method VARCHAR, sample_frame VARCHAR, units_surveyed INTEGER, weighted BOOLEAN DEFAULT false,
				exclusions VARCHAR, incentives VARCHAR, created_at TIMESTAMP NOT NULL, created_by_batch BIGINT)`,
			`CREATE TABLE survey_questions (
				wave_id VARCHAR NOT NULL, code VARCHAR NOT NULL, position INTEGER NOT NULL, text_zh VARCHAR,
				text_en VARCHAR, dimension VARCHAR, scale VARCHAR NOT NULL, screening_code VARCHAR, tsm_code VARCHAR,
				version INTEGER NOT NULL DEFAULT 1, source_header VARCHAR, created_by_batch BIGINT)`,
			`CREATE TABLE survey_answers (
				wave_id VARCHAR NOT NULL, respondent_id VARCHAR NOT NULL, question_code VARCHAR NOT NULL,
				raw_value VARCHAR, answer_code VARCHAR NOT NULL, score SMALLINT, batch_id BIGINT NOT NULL)`,
			`CREATE TABLE survey_answers_history AS SELECT *, NULL::BIGINT AS replaced_by_batch,
				NULL::TIMESTAMP AS replaced_at FROM survey_answers WITH NO DATA`,
			`CREATE TABLE column_mappings (
				kind VARCHAR NOT NULL, header_signature VARCHAR NOT NULL, mapping JSON NOT NULL,
				updated_at TIMESTAMP NOT NULL, updated_by VARCHAR)`,
			`CREATE TABLE settings (key VARCHAR NOT NULL, value JSON NOT NULL, updated_at TIMESTAMP NOT NULL, updated_by VARCHAR)`,
			`CREATE TABLE holidays (day DATE NOT NULL, region VARCHAR NOT NULL, kind VARCHAR NOT NULL, name VARCHAR)`,
			'CREATE SEQUENCE user_id_seq START 1',
			`CREATE TABLE users (
				id BIGINT NOT NULL, username VARCHAR NOT NULL, display_name VARCHAR, role VARCHAR NOT NULL,
				password_hash VARCHAR, disabled BOOLEAN NOT NULL DEFAULT false, created_at TIMESTAMP NOT NULL)`,
			`CREATE TABLE user_areas (user_id BIGINT NOT NULL, area VARCHAR NOT NULL)`,
			`CREATE TABLE sessions (id VARCHAR NOT NULL, user_id BIGINT NOT NULL, created_at TIMESTAMP NOT NULL,
				expires_at TIMESTAMP NOT NULL)`,
			'CREATE SEQUENCE audit_id_seq START 1',
			`CREATE TABLE audit_log (id BIGINT NOT NULL, occurred_at TIMESTAMP NOT NULL, actor VARCHAR NOT NULL,
				action VARCHAR NOT NULL, target VARCHAR, details JSON)`,
			'CREATE SEQUENCE action_id_seq START 1',
			`CREATE TABLE corrective_actions (
				id BIGINT NOT NULL, title VARCHAR NOT NULL, kind VARCHAR NOT NULL, source VARCHAR NOT NULL,
				source_view VARCHAR, areas VARCHAR[], problem VARCHAR, root_cause VARCHAR, action_plan VARCHAR,
				owner VARCHAR, department VARCHAR, opened_at DATE NOT NULL, due_date DATE, status VARCHAR NOT NULL,
				metric VARCHAR, baseline JSON, target JSON, effect JSON, created_by VARCHAR, updated_at TIMESTAMP)`,
			`CREATE TABLE corrective_action_history (action_id BIGINT NOT NULL, occurred_at TIMESTAMP NOT NULL,
				actor VARCHAR NOT NULL, change JSON NOT NULL)`,
			'CREATE SEQUENCE proposal_id_seq START 1',
			`CREATE TABLE proposals (
				id BIGINT NOT NULL, title VARCHAR NOT NULL, scope JSON, period_start DATE, period_end DATE,
				status VARCHAR NOT NULL, body VARCHAR, author VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL,
				updated_at TIMESTAMP, submitted_at TIMESTAMP, approved_by VARCHAR, approved_at TIMESTAMP)`,
			`CREATE TABLE proposal_citations (
				proposal_id BIGINT NOT NULL, position INTEGER NOT NULL, view_url VARCHAR NOT NULL, title VARCHAR,
				figures JSON, chart_png BLOB, cited_at TIMESTAMP NOT NULL, cited_by VARCHAR)`,
			`CREATE TABLE proposal_actions (proposal_id BIGINT NOT NULL, action_id BIGINT NOT NULL)`
		]
	},
	{
		version: 2,
		name: "survey answer labels and scales remembered with a file's column mapping",
		// { answerLabels, questionScales } for a survey layout; NULL for every other mapping.
		statements: ['ALTER TABLE column_mappings ADD COLUMN answer_mapping JSON']
	}
];
