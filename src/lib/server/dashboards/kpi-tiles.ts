import { addMonths, type DateRange } from '$lib/filters/dashboard-filters.ts';
import type { RateFigure } from '../metrics/rate-figure.ts';

/** The overview's headline figures (SPEC §5); each has an explain panel in the message catalogue. */
export const kpiIds = [
	'complaintVolume',
	'complaintsPer1000Units',
	'responseOnTime',
	'resolvedOnTime',
	'closureRate',
	'returnVisitRate',
	'returnVisitSatisfaction',
	'repairArrivedOnTime',
	'repairWithinTarget',
	'repairFirstTimeFix'
] as const;
export type KpiId = (typeof kpiIds)[number];

export interface KpiTile {
	id: KpiId;
	format: 'integer' | 'percent' | 'decimal';
	/** Whether a rise is good news (rates) or bad (complaint volume): colours the deltas. */
	better: 'higher' | 'lower';
	value: number | null;
	/** Numerator and denominator, for rates. */
	figure: RateFigure | null;
	/** The same figure over the previous period (环比) and the same period a year earlier (同比). */
	previous: number | null;
	lastYear: number | null;
	/** One value per month, the 12 months ending with the period's last month. */
	sparkline: { month: string; value: number | null }[];
}

/** The periods a tile is computed over. */
export interface KpiPeriods {
	period: DateRange;
	previous: DateRange;
	lastYear: DateRange;
	/** 12 whole months ending with the month the period ends in. */
	sparkline: DateRange;
	months: string[];
}

function shiftMonth(month: string, by: number): string {
	return addMonths(`${month}-01`, by).slice(0, 7);
}

/** The 12 months ending with the month of the period's last day, and the range they cover. */
export function resolveSparklineMonths(period: DateRange): { range: DateRange; months: string[] } {
	const lastDay = new Date(Date.parse(`${period.end}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 7);
	const months = Array.from({ length: 12 }, (_, index) => shiftMonth(lastDay, index - 11));
	return { range: { start: `${months[0]}-01`, end: `${shiftMonth(lastDay, 1)}-01` }, months };
}
