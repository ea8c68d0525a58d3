import { formatMonth } from '$lib/i18n/format.ts';
import { m } from '$lib/paraglide/messages.js';
import type { ChartSpec, ChartValueFormat } from './chart-spec.ts';
import { readNumber, selectValueFormatter } from './value-format.ts';

/**
 * A tiny line without axes for KPI tiles, one value per month (`YYYY-MM`). A click gives
 * `event.name === month`, `event.value` = the figure.
 */
export function buildSparklineOption(
	values: (number | null)[],
	months: string[],
	{
		format = 'integer',
		valueLabel = m.chart_value()
	}: { format?: ChartValueFormat; valueLabel?: string } = {}
): ChartSpec {
	const formatValue = selectValueFormatter(format);
	const points = months.map((month, index) => ({ month, value: values[index] ?? null }));
	return {
		option: {
			animation: false,
			grid: { left: 2, right: 2, top: 4, bottom: 4 },
			tooltip: {
				trigger: 'axis',
				axisPointer: { type: 'none' },
				formatter: (params: { name: string; value: unknown }[]) =>
					`${formatMonth(params[0].name)}: ${formatValue(readNumber(params[0].value))}`
			},
			xAxis: { type: 'category', show: false, boundaryGap: false, data: months },
			yAxis: { type: 'value', show: false, scale: true },
			series: [
				{
					type: 'line',
					name: valueLabel,
					data: points.map((point) => point.value),
					symbol: 'none',
					lineStyle: { width: 2, color: '#1f6f5c' },
					areaStyle: { color: 'rgba(31, 111, 92, 0.12)' }
				}
			]
		},
		table: {
			columns: [
				{ key: 'month', label: m.chart_month(), format: 'month' },
				{ key: 'value', label: valueLabel, format }
			],
			rows: points.some((point) => point.value !== null)
				? points.map((point) => ({ month: point.month, value: point.value }))
				: []
		}
	};
}
