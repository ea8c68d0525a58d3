import { z } from 'zod';
import { channelLabels, complaintCategoryLabels, severityLabels } from '$pipelines/kinds/enumerations.ts';

/**
 * The dashboards' state, shared by server and browser and kept in the URL so every view can be
 * bookmarked and cited in a proposal. One schema parses it everywhere; a bad value is a 400, not a crash.
 */
export const periodPresets = ['this-month', 'last-month', 'this-quarter', 'this-year', 'custom'] as const;
export const comparisons = ['previous', 'last-year'] as const;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use a date like 2026-03-31');
const codes = <T extends Record<string, unknown>>(labels: T) =>
	z.array(z.enum(Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]]));
const names = z.array(z.string().trim().min(1).max(100));

export const dashboardFiltersSchema = z
	.object({
		period: z.enum(periodPresets).default('this-month'),
		from: isoDate.optional(),
		to: isoDate.optional(),
		/** The day the relative periods count from; by default the latest date in the data. */
		asOf: isoDate.optional(),
		compare: z.enum(comparisons).default('previous'),
		area: names.default([]),
		building: names.default([]),
		category: codes(complaintCategoryLabels).default([]),
		channel: codes(channelLabels).default([]),
		severity: codes(severityLabels).default([]),
		department: names.default([]),
		validity: z.enum(['valid', 'invalid', 'all']).default('valid')
	})
	.superRefine((filters, context) => {
		if (filters.period !== 'custom') return;
		if (!filters.from || !filters.to) {
			context.addIssue({ code: 'custom', path: ['from'], message: 'a custom period needs both from and to' });
		} else if (filters.from > filters.to) {
			context.addIssue({ code: 'custom', path: ['to'], message: 'to must not be before from' });
		}
	});

export type DashboardFilters = z.infer<typeof dashboardFiltersSchema>;

const listKeys = ['area', 'building', 'category', 'channel', 'severity', 'department'] as const;

export type FilterParseResult = { ok: true; filters: DashboardFilters } | { ok: false; message: string };

/** Reads the filters from a URL's query; repeated keys (`area=A&area=B`) are lists. */
export function parseDashboardFilters(params: URLSearchParams): FilterParseResult {
	const raw: Record<string, unknown> = {};
	for (const key of new Set(params.keys())) {
		// An empty field of a submitted filter form means "not set", not an invalid value.
		const values = params.getAll(key).filter((value) => value !== '');
		if ((listKeys as readonly string[]).includes(key)) raw[key] = values;
		else if (values.length > 0) raw[key] = values[0];
	}
	const parsed = dashboardFiltersSchema.safeParse(raw);
	if (parsed.success) return { ok: true, filters: parsed.data };
	const message = parsed.error.issues
		.map((issue) => `${issue.path.join('.') || 'query'}: ${issue.message}`)
		.join('; ');
	return { ok: false, message: `Invalid filter — ${message}` };
}

/** Writes filters back to a query, leaving out defaults so links stay short. */
export function serializeDashboardFilters(filters: Partial<DashboardFilters>): URLSearchParams {
	const defaults = dashboardFiltersSchema.parse({});
	const params = new URLSearchParams();
	for (const [key, value] of Object.entries(filters)) {
		if (value === undefined) continue;
		if (Array.isArray(value)) value.forEach((item) => params.append(key, String(item)));
		else if (value !== (defaults as Record<string, unknown>)[key]) params.set(key, String(value));
	}
	return params;
}

export interface DateRange {
	/** First day, inclusive (YYYY-MM-DD). */
	start: string;
	/** Day after the last, exclusive. */
	end: string;
}

function toIso(date: Date): string {
	return date.toISOString().slice(0, 10);
}

function utcDate(year: number, monthIndex: number, day = 1): Date {
	return new Date(Date.UTC(year, monthIndex, day));
}

/** The day `days` later (or earlier). */
export function addDays(iso: string, days: number): string {
	const date = new Date(`${iso}T00:00:00Z`);
	date.setUTCDate(date.getUTCDate() + days);
	return toIso(date);
}

/** The same day `months` later (or earlier); day overflow rolls over as Date does. */
export function addMonths(iso: string, months: number): string {
	const [year, month, day] = iso.split('-').map(Number);
	return toIso(utcDate(year, month - 1 + months, day));
}

/** The period a filter names, counted from `asOf` (the latest data date unless the URL says otherwise). */
export function resolvePeriod(filters: DashboardFilters, asOf: string): DateRange {
	const [year, month] = asOf.split('-').map(Number);
	switch (filters.period) {
		case 'this-month':
			return { start: toIso(utcDate(year, month - 1)), end: toIso(utcDate(year, month)) };
		case 'last-month':
			return { start: toIso(utcDate(year, month - 2)), end: toIso(utcDate(year, month - 1)) };
		case 'this-quarter': {
			const first = Math.floor((month - 1) / 3) * 3;
			return { start: toIso(utcDate(year, first)), end: toIso(utcDate(year, first + 3)) };
		}
		case 'this-year':
			return { start: toIso(utcDate(year, 0)), end: toIso(utcDate(year + 1, 0)) };
		case 'custom':
			return { start: filters.from!, end: addDays(filters.to!, 1) };
	}
}

/**
 * The period a figure is compared with: the one just before (环比; a month for a month, a quarter for a
 * quarter, the same number of days for a custom range) or the same period a year earlier (同比).
 */
export function resolveComparisonPeriod(filters: DashboardFilters, period: DateRange): DateRange {
	if (filters.compare === 'last-year')
		return { start: addMonths(period.start, -12), end: addMonths(period.end, -12) };
	const months = { 'this-month': 1, 'last-month': 1, 'this-quarter': 3, 'this-year': 12, custom: 0 }[
		filters.period
	];
	if (months > 0) return { start: addMonths(period.start, -months), end: period.start };
	const days = Math.round((Date.parse(period.end) - Date.parse(period.start)) / 86_400_000);
	return { start: addDays(period.start, -days), end: period.start };
}
