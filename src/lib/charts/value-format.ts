import { formatDecimal, formatInteger, formatMoney, formatPercent } from '$lib/i18n/format.ts';
import type { ChartValueFormat } from './chart-spec.ts';

/** The formatter an axis label, tooltip or data label uses for a value of the given kind. */
export function selectValueFormatter(format: ChartValueFormat): (value: number | null | undefined) => string {
	if (format === 'percent') return (value) => formatPercent(value);
	if (format === 'decimal') return (value) => formatDecimal(value);
	if (format === 'money') return (value) => formatMoney(value);
	return (value) => formatInteger(value);
}

/** echarts hands tooltips and labels `unknown`-ish values; only real numbers are formatted as figures. */
export function readNumber(value: unknown): number | null {
	return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
