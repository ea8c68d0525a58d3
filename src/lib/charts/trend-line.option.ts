import { formatMonth } from '$lib/i18n/format.ts';
import { m } from '$lib/paraglide/messages.js';
import type { ChartSpec, ChartTableColumn, ChartTableRow } from './chart-spec.ts';
import { readNumber, selectValueFormatter } from './value-format.ts';

export interface TrendSeries {
	name: string;
	values: (number | null)[];
	format: 'integer' | 'percent';
}

export interface TrendInput {
	/** `YYYY-MM`, oldest first; every series has one value per month. */
	months: string[];
	series: TrendSeries[];
	/** Months marked with a pin on the first series (spikes). */
	flaggedMonths?: string[];
	/** A dashed reference line on the first series' axis, one value per month. */
	baseline?: (number | null)[];
}

const palette = ['#1f6f5c', '#d98c1f', '#4a6fa5', '#8e44ad'];

/**
 * Monthly lines. Integer and percent series get an axis each (left / right). A click on a point gives
 * `event.name === month` (`YYYY-MM`), `event.seriesName`, `event.value` (the figure or null).
 */
export function buildTrendLineOption(input: TrendInput): ChartSpec {
	const { months, series } = input;
	const formats = [...new Set(series.map((line) => line.format))];
	const axisOf = (format: TrendSeries['format']) => Math.max(0, formats.indexOf(format));
	const flagged = new Set(input.flaggedMonths ?? []);
	const first = series[0];
	const formatFirst = selectValueFormatter(first?.format ?? 'integer');

	const lines = series.map((line, index) => {
		const formatValue = selectValueFormatter(line.format);
		return {
			type: 'line',
			name: line.name,
			yAxisIndex: axisOf(line.format),
			data: months.map((_, month) => line.values[month] ?? null),
			itemStyle: { color: palette[index % palette.length] },
			tooltip: { valueFormatter: (value: unknown) => formatValue(readNumber(value)) },
			...(index === 0 && flagged.size > 0
				? {
						markPoint: {
							symbol: 'pin',
							symbolSize: 44,
							itemStyle: { color: '#c0392b' },
							label: { formatter: (params: { value: unknown }) => formatValue(readNumber(params.value)) },
							data: months
								.map((month, monthIndex) => ({ month, value: line.values[monthIndex] ?? null }))
								.filter((point) => flagged.has(point.month) && point.value !== null)
								.map((point) => ({
									name: m.chart_spike(),
									coord: [point.month, point.value],
									value: point.value
								}))
						}
					}
				: {})
		};
	});
	if (input.baseline && first) {
		lines.push({
			type: 'line',
			name: m.chart_baseline(),
			yAxisIndex: axisOf(first.format),
			data: months.map((_, month) => input.baseline![month] ?? null),
			itemStyle: { color: '#8a9a95' },
			tooltip: { valueFormatter: (value: unknown) => formatFirst(readNumber(value)) },
			lineStyle: { type: 'dashed' },
			symbol: 'none'
		} as (typeof lines)[number]);
	}

	const columns: ChartTableColumn[] = [
		{ key: 'month', label: m.chart_month(), format: 'month' },
		...series.map((line, index) => ({ key: `series${index}`, label: line.name, format: line.format })),
		...(input.baseline && first
			? [{ key: 'baseline', label: m.chart_baseline(), format: first.format } as ChartTableColumn]
			: []),
		...(flagged.size > 0
			? [{ key: 'flagged', label: m.chart_flagged(), format: 'text' } as ChartTableColumn]
			: [])
	];
	const rows: ChartTableRow[] = months.map((month, monthIndex) => {
		const row: ChartTableRow = { month };
		series.forEach((line, index) => (row[`series${index}`] = line.values[monthIndex] ?? null));
		if (input.baseline && first) row.baseline = input.baseline[monthIndex] ?? null;
		if (flagged.size > 0) row.flagged = flagged.has(month) ? m.chart_flagged() : '';
		return row;
	});
	const hasData = series.some((line) => line.values.some((value) => value !== null));

	return {
		option: {
			tooltip: { trigger: 'axis' },
			legend: { top: 0 },
			grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
			xAxis: {
				type: 'category',
				data: months,
				boundaryGap: false,
				axisLabel: { formatter: (month: string) => formatMonth(month) },
				axisPointer: {
					label: { formatter: (params: { value: unknown }) => formatMonth(String(params.value)) }
				}
			},
			yAxis: formats.map((format) => {
				const formatValue = selectValueFormatter(format);
				return { type: 'value', axisLabel: { formatter: (value: number) => formatValue(value) } };
			}),
			series: lines
		},
		table: { columns, rows: hasData ? rows : [] }
	};
}
