import { m } from '$lib/paraglide/messages.js';
import type { ChartSpec } from './chart-spec.ts';
import { readNumber, selectValueFormatter } from './value-format.ts';

export interface ShareItem {
	label: string;
	value: number;
}

/**
 * A mix as horizontal bars of each item's share of the total (in the caller's order), labelled with the
 * count and the share. A click gives `event.name === label`, `event.value === share` (0–1),
 * `event.data.count === value`, `event.dataIndex` = position in `items`.
 */
export function buildShareBarOption(
	items: ShareItem[],
	{
		itemLabel = m.chart_item(),
		valueLabel = m.chart_count()
	}: { itemLabel?: string; valueLabel?: string } = {}
): ChartSpec {
	const formatCount = selectValueFormatter('integer');
	const formatShare = selectValueFormatter('percent');
	const total = items.reduce((sum, item) => sum + item.value, 0);
	const shareOf = (value: number) => (total > 0 ? value / total : 0);
	return {
		option: {
			tooltip: {
				trigger: 'item',
				formatter: (params: { name: string; data: { value: number; count: number } }) =>
					`${params.name}<br/>${valueLabel}: ${formatCount(params.data.count)} · ${m.chart_share()}: ${formatShare(params.data.value)}`
			},
			grid: { left: 8, right: 96, top: 8, bottom: 8, containLabel: true },
			xAxis: { type: 'value', max: 1, axisLabel: { formatter: (value: number) => formatShare(value) } },
			yAxis: { type: 'category', inverse: true, data: items.map((item) => item.label) },
			series: [
				{
					type: 'bar',
					name: m.chart_share(),
					data: items.map((item) => ({ value: shareOf(item.value), count: item.value })),
					itemStyle: { color: '#d98c1f' },
					label: {
						show: true,
						position: 'right',
						formatter: (params: { data: { value: number; count: number } }) =>
							`${formatCount(params.data.count)} (${formatShare(readNumber(params.data.value))})`
					}
				}
			]
		},
		table: {
			columns: [
				{ key: 'label', label: itemLabel, format: 'text' },
				{ key: 'value', label: valueLabel, format: 'integer' },
				{ key: 'share', label: m.chart_share(), format: 'percent' }
			],
			rows: items.map((item) => ({ label: item.label, value: item.value, share: shareOf(item.value) }))
		}
	};
}
