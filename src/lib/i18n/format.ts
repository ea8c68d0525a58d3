import { getLocale } from '$lib/paraglide/runtime.js';

/**
 * Numbers, percentages and dates in the reader's language. Every figure on screen goes through these so
 * a table, its export and a tile never disagree on rounding.
 */
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
	const key = `${getLocale()}|n|${JSON.stringify(options)}`;
	let format = cache.get(key) as Intl.NumberFormat | undefined;
	if (!format) cache.set(key, (format = new Intl.NumberFormat(getLocale(), options)));
	return format;
}

function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
	const key = `${getLocale()}|d|${JSON.stringify(options)}`;
	let format = cache.get(key) as Intl.DateTimeFormat | undefined;
	if (!format)
		cache.set(key, (format = new Intl.DateTimeFormat(getLocale(), { timeZone: 'UTC', ...options })));
	return format;
}

const dash = '—';

export function formatInteger(value: number | null | undefined): string {
	return value == null ? dash : numberFormat({ maximumFractionDigits: 0 }).format(value);
}

export function formatDecimal(value: number | null | undefined, digits = 1): string {
	return value == null
		? dash
		: numberFormat({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

/** A share 0–1 as a percentage with one decimal (rates in this domain are compared to the tenth). */
export function formatPercent(value: number | null | undefined, digits = 1): string {
	return value == null
		? dash
		: numberFormat({ style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
				value
			);
}

/** A change in percentage points, signed (a rate's 环比/同比). */
export function formatPointChange(value: number | null | undefined): string {
	if (value == null) return dash;
	return `${numberFormat({ signDisplay: 'exceptZero', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value * 100)} pp`;
}

/** A relative change of a count, signed (a volume's 环比/同比). */
export function formatRelativeChange(value: number | null | undefined): string {
	if (value == null) return dash;
	return numberFormat({
		style: 'percent',
		signDisplay: 'exceptZero',
		minimumFractionDigits: 1,
		maximumFractionDigits: 1
	}).format(value);
}

export function formatMoney(value: number | null | undefined): string {
	return value == null
		? dash
		: numberFormat({ style: 'currency', currency: 'CNY', minimumFractionDigits: 2 }).format(value);
}

/** A calendar day given as `YYYY-MM-DD` (or a timestamp, whose day is shown). */
export function formatDay(value: string | null | undefined): string {
	if (!value) return dash;
	return dateFormat({ year: 'numeric', month: '2-digit', day: '2-digit' }).format(
		new Date(`${value.slice(0, 10)}T00:00:00Z`)
	);
}

/** A local wall-clock timestamp as stored (no zone conversion: the site's own clock). */
export function formatDateTime(value: string | null | undefined): string {
	if (!value) return dash;
	const iso = value.replace(' ', 'T').slice(0, 19);
	return dateFormat({
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		hour12: false
	}).format(new Date(`${iso.length === 10 ? `${iso}T00:00:00` : iso}Z`));
}

/** A month given as `YYYY-MM` or `YYYY-MM-DD`. */
export function formatMonth(value: string): string {
	return dateFormat({ year: 'numeric', month: 'short' }).format(
		new Date(`${value.slice(0, 7)}-01T00:00:00Z`)
	);
}
