import {
	addMonths,
	resolveComparisonPeriod,
	type DashboardFilters,
	type DateRange
} from '$lib/filters/dashboard-filters.ts';
import type { RateFigure } from '../metrics/rate-figure.ts';

/** The headline figures (SPEC §5) of the overview and other pages; each has an explain panel in the message catalogue. */
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
	'repairFirstTimeFix',
	'repairReturnVisitSatisfaction'
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

/** A period's tile periods: 环比 and 同比 whatever comparison the page's filter picks, and the sparkline months. */
export function resolveKpiPeriods(filters: DashboardFilters, period: DateRange): KpiPeriods {
	const sparkline = resolveSparklineMonths(period);
	return {
		period,
		previous: resolveComparisonPeriod({ ...filters, compare: 'previous' }, period),
		lastYear: resolveComparisonPeriod({ ...filters, compare: 'last-year' }, period),
		sparkline: sparkline.range,
		months: sparkline.months
	};
}

/**
 * The ranges a tile's figure is computed over, in the order `buildKpiTile` reads them: the period, 环比,
 * 同比, then each sparkline month — so a metric's "over several periods" function fills every tile in one pass.
 */
export function listKpiRanges(periods: KpiPeriods): DateRange[] {
	const months = periods.months.map((month, index) => ({
		start: `${month}-01`,
		end: index + 1 < periods.months.length ? `${periods.months[index + 1]}-01` : periods.sparkline.end
	}));
	return [periods.period, periods.previous, periods.lastYear, ...months];
}

/** A count, or a rate with its parts. */
export type KpiFigure = number | null | RateFigure;

function valueOf(figure: KpiFigure): number | null {
	return figure !== null && typeof figure === 'object' ? figure.rate : figure;
}

/** A tile from its figure over the ranges of `listKpiRanges`, in that order. */
export function buildKpiTile(
	definition: Pick<KpiTile, 'id' | 'format' | 'better'>,
	periods: KpiPeriods,
	figures: readonly KpiFigure[]
): KpiTile {
	const [current, previous, lastYear, ...months] = figures;
	return {
		id: definition.id,
		format: definition.format,
		better: definition.better,
		value: valueOf(current),
		figure: current !== null && typeof current === 'object' ? current : null,
		previous: valueOf(previous),
		lastYear: valueOf(lastYear),
		sparkline: periods.months.map((month, index) => ({ month, value: valueOf(months[index]) }))
	};
}
