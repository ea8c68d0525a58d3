import { m } from '$lib/paraglide/messages.js';
import type { ChartSpec, ChartTableColumn, ChartValueFormat } from './chart-spec.ts';
import { readNumber, selectValueFormatter } from './value-format.ts';

export interface StackedAmountRow {
	label: string;
	/** Amounts per segment, in the order of `segments`. */
	values: number[];
}

export interface StackedAmountSegment {
	key: string;
	label: string;
	colour: string;
}

/**
 * Stacked horizontal bars of amounts (not shares): each row's bar is as long as its total, split into the
 * segments, first row on top (the caller orders the rows). The table has a column per segment and the
 * row's total. A click gives `event.name === row label` and `event.seriesName === segment label`.
 */
export function buildStackedAmountOption(
	rows: StackedAmountRow[],
	segments: StackedAmountSegment[],
	{ itemLabel, format = 'money' }: { itemLabel: string; format?: ChartValueFormat }
): ChartSpec {
	const formatValue = selectValueFormatter(format);
	// Axis ticks of whole units read better than ¥2,000,000.00; the tooltip and table keep the exact figure.
	const formatTick = selectValueFormatter(format === 'money' ? 'integer' : format);
	const columns: ChartTableColumn[] = [
		{ key: 'label', label: itemLabel, format: 'text' },
		...segments.map((segment): ChartTableColumn => ({ key: segment.key, label: segment.label, format })),
		{ key: 'total', label: m.chart_total(), format }
	];
	return {
		option: {
			tooltip: {
				trigger: 'axis',
				axisPointer: { type: 'shadow' },
				valueFormatter: (value: unknown) => formatValue(readNumber(value))
			},
			legend: { top: 0 },
			grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
			xAxis: { type: 'value', axisLabel: { formatter: (value: number) => formatTick(value) } },
			yAxis: { type: 'category', inverse: true, data: rows.map((row) => row.label) },
			series: segments.map((segment, index) => ({
				type: 'bar',
				stack: 'amount',
				name: segment.label,
				itemStyle: { color: segment.colour },
				data: rows.map((row) => row.values[index] ?? 0)
			}))
		},
		table: {
			columns,
			rows: rows.map((row) => ({
				label: row.label,
				...Object.fromEntries(segments.map((segment, index) => [segment.key, row.values[index] ?? 0])),
				total: row.values.reduce((sum, value) => sum + value, 0)
			}))
		}
	};
}
