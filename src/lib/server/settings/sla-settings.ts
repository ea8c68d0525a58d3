import type { DuckDBConnection } from '@duckdb/node-api';
import { queryRows } from '$pipelines/db/database.ts';

/**
 * The SLA rules of SPEC §5 with their defaults. A site may change them (settings table, key 'sla');
 * every page that shows a figure governed by a rule shows the rule's value next to it.
 */
export interface SlaSettings {
	/** First response to a complaint within this many hours. */
	responseHours: number;
	/** General, not transferred complaints: resolved on the calendar day they were received. */
	generalSameDay: boolean;
	/** Transferred, major or urgent complaints: resolved within this many hours. */
	escalatedResolutionHours: number;
	/** Return visit within this many days of resolution (or repair completion). */
	returnVisitDays: number;
	/** A repair visit counts as on time up to this many minutes after the agreed time. */
	repairArrivalGraceMinutes: number;
	/** Repairs completed within these many hours of being reported, by priority. */
	repairCompletionHours: { emergency: number; urgent: number; routine: number };
	/** SLA clocks run in calendar time (working-day clocks come with the holiday calendar). */
	clock: 'calendar';
}

export const defaultSlaSettings: SlaSettings = {
	responseHours: 24,
	generalSameDay: true,
	escalatedResolutionHours: 72,
	returnVisitDays: 2,
	repairArrivalGraceMinutes: 15,
	repairCompletionHours: { emergency: 24, urgent: 72, routine: 168 },
	clock: 'calendar'
};

/** The site's SLA settings: the stored overrides on top of the defaults. */
export async function loadSlaSettings(connection: DuckDBConnection): Promise<SlaSettings> {
	const rows = await queryRows<{ value: string }>(
		connection,
		"SELECT value::VARCHAR AS value FROM settings WHERE key = 'sla' ORDER BY updated_at DESC LIMIT 1"
	);
	if (rows.length === 0) return defaultSlaSettings;
	const stored = JSON.parse(rows[0].value) as Partial<SlaSettings>;
	return {
		...defaultSlaSettings,
		...stored,
		repairCompletionHours: { ...defaultSlaSettings.repairCompletionHours, ...stored.repairCompletionHours }
	};
}
