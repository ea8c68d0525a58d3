import type { ChartSpec, ChartValueFormat } from './chart-spec.ts';
import { m } from '$lib/paraglide/messages.js';
import { readNumber, selectValueFormatter } from './value-format.ts';

export interface RankedItem {
	label: string;
	value: number;
}

/**
 * Horizontal bars, first item on top (the caller sorts and cuts the top N). A click gives
 * `event.name === label`, `event.value === value`, `event.dataIndex` = position in `items`.
 */
export function buildRankingBarOption(
	items: RankedItem[],
	valueLabel: string,
	{ format = 'integer', itemLabel = m.chart_item() }: { format?: ChartValueFormat; itemLabel?: string } = {}
): ChartSpec {
	const formatValue = selectValueFormatter(format);
	return {
		option: {
			tooltip: {
				trigger: 'axis',
				axisPointer: { type: 'shadow' },
				valueFormatter: (value: unknown) => formatValue(readNumber(value))
			},
			grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
			xAxis: { type: 'value', axisLabel: { formatter: (value: number) => formatValue(value) } },
			yAxis: { type: 'category', inverse: true, data: items.map((item) => item.label) },
			series: [
				{
					type: 'bar',
					name: valueLabel,
					data: items.map((item) => item.value),
					itemStyle: { color: '#1f6f5c' },
					label: {
						show: true,
						position: 'right',
						formatter: (params: { value: unknown }) => formatValue(readNumber(params.value))
					}
				}
			]
		},
		table: {
			columns: [
				{ key: 'label', label: itemLabel, format: 'text' },
				{ key: 'value', label: valueLabel, format }
			],
			rows: items.map((item) => ({ label: item.label, value: item.value }))
		}
	};
}
