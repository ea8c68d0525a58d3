import { m } from '$lib/paraglide/messages.js';
import type { ChartSpec } from './chart-spec.ts';
import { readNumber, selectValueFormatter } from './value-format.ts';

export interface HistogramBin {
	label: string;
	count: number;
}

export interface HistogramInput {
	bins: HistogramBin[];
	/** The bin label at which the vertical SLA line is drawn. */
	slaLineAt?: string;
	slaLabel?: string;
	binLabel?: string;
	countLabel?: string;
}

/**
 * Bars per bin with a vertical SLA line. A click on a bar gives `event.name === bin label`,
 * `event.value === count`, `event.dataIndex` = the bin's position.
 */
export function buildHistogramOption(input: HistogramInput): ChartSpec {
	const formatCount = selectValueFormatter('integer');
	const countLabel = input.countLabel ?? m.chart_count();
	const slaShown = input.slaLineAt !== undefined && input.bins.some((bin) => bin.label === input.slaLineAt);
	return {
		option: {
			tooltip: {
				trigger: 'axis',
				axisPointer: { type: 'shadow' },
				valueFormatter: (value: unknown) => formatCount(readNumber(value))
			},
			grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
			xAxis: { type: 'category', data: input.bins.map((bin) => bin.label) },
			yAxis: { type: 'value', axisLabel: { formatter: (value: number) => formatCount(value) } },
			series: [
				{
					type: 'bar',
					name: countLabel,
					barCategoryGap: '8%',
					data: input.bins.map((bin) => bin.count),
					itemStyle: { color: '#4a6fa5' },
					...(slaShown
						? {
								markLine: {
									symbol: 'none',
									silent: true,
									lineStyle: { color: '#c0392b', type: 'dashed', width: 2 },
									label: { formatter: input.slaLabel ?? '', position: 'end' },
									data: [{ xAxis: input.slaLineAt }]
								}
							}
						: {})
				}
			]
		},
		table: {
			columns: [
				{ key: 'bin', label: input.binLabel ?? m.chart_range(), format: 'text' },
				{ key: 'count', label: countLabel, format: 'integer' }
			],
			rows: input.bins.map((bin) => ({ bin: bin.label, count: bin.count }))
		}
	};
}
