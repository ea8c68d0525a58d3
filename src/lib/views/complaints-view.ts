import type { ChartSpec } from '$lib/charts/chart-spec.ts';
import { buildHeatmapOption } from '$lib/charts/heatmap.option.ts';
import { buildRankingBarOption } from '$lib/charts/ranking-bar.option.ts';
import { buildShareBarOption } from '$lib/charts/share-bar.option.ts';
import { buildTrendLineOption } from '$lib/charts/trend-line.option.ts';
import type { DataTableColumn, DataTableRow } from '$lib/components/data-table-rows.ts';
import { labelEnumeration, listEnumerationCodes } from '$lib/i18n/enum-labels.ts';
import { m } from '$lib/paraglide/messages.js';
import type { HotspotCell } from '$lib/server/metrics/complaint-hotspots.ts';
import type { ComplaintMix } from '$lib/server/metrics/complaint-mix.ts';
import type { ComplaintRecord } from '$lib/server/metrics/complaint-records.ts';
import type { TrendMonth } from '$lib/server/metrics/complaint-trend.ts';
import type { RepeatUnit } from '$lib/server/metrics/repeat-units.ts';

/** The area × category heatmap, with the way back from a clicked column label to its category code. */
export function buildComplaintHeatmap(cells: HotspotCell[]) {
	const areas = [...new Set(cells.map((cell) => cell.area))].sort((a, b) => a.localeCompare(b, 'zh-CN'));
	const present = new Set(cells.map((cell) => cell.category));
	const categories = listEnumerationCodes('category').filter((code) => present.has(code));
	for (const code of present) if (!categories.includes(code)) categories.push(code);
	const labelOf = new Map(categories.map((code) => [labelEnumeration('category', code), code]));
	const spec = buildHeatmapOption({
		rows: areas,
		columns: [...labelOf.keys()],
		cells: cells.map((cell) => ({
			row: cell.area,
			column: labelEnumeration('category', cell.category),
			value: cell.count,
			flagged: cell.flagged
		})),
		rowLabel: m.heatmap_rows(),
		columnLabel: m.heatmap_columns(),
		valueLabel: m.heatmap_value()
	});
	return {
		spec,
		rowCount: areas.length,
		categoryCodeOf: (label: string) => labelOf.get(label) ?? label
	};
}

export function buildComplaintTrend(trend: TrendMonth[]): ChartSpec {
	return buildTrendLineOption({
		months: trend.map((month) => month.month.slice(0, 7)),
		series: [{ name: m.trend_count(), values: trend.map((month) => month.count), format: 'integer' }],
		flaggedMonths: trend.filter((month) => month.spike).map((month) => month.month.slice(0, 7)),
		baseline: trend.map((month) => Math.round(month.baseline * 10) / 10)
	});
}

/** Buildings ranked by complaints; a bar's label names area and building, and leads back to both. */
export function buildBuildingRanking(buildings: ComplaintMix['topBuildings']) {
	const named = buildings.filter(
		(row): row is { area: string; building: string; count: number } => row.building !== null
	);
	const labelled = named.map((row) => ({ ...row, label: `${row.area} ${row.building}` }));
	return {
		spec: buildRankingBarOption(
			labelled.map((row) => ({ label: row.label, value: row.count })),
			m.buildings_value(),
			{ itemLabel: m.record_building() }
		),
		buildingOf: (label: string) => labelled.find((row) => row.label === label)
	};
}

/** The mixes; clicking a bar narrows the page to that channel, severity or validity. */
export function buildMixCharts(mix: ComplaintMix): {
	title: string;
	testid: string;
	spec: ChartSpec;
	filter: 'channel' | 'severity' | 'validity';
	codeOf: (label: string) => string | undefined;
}[] {
	const describe = (rows: ComplaintMix['byChannel'], name: 'channel' | 'severity' | 'validity') => {
		const labelled = rows.map((row) => ({
			code: row.key,
			label: labelEnumeration(name, row.key),
			value: row.count
		}));
		return {
			items: labelled.map(({ label, value }) => ({ label, value })),
			codeOf: (label: string) => labelled.find((row) => row.label === label)?.code ?? undefined
		};
	};
	const channel = describe(mix.byChannel, 'channel');
	const severity = describe(mix.bySeverity, 'severity');
	const validity = describe(mix.byValidity, 'validity');
	return [
		{
			title: m.mix_channel_title(),
			testid: 'mix-channel',
			filter: 'channel',
			codeOf: channel.codeOf,
			spec: buildShareBarOption(channel.items, { itemLabel: m.record_channel() })
		},
		{
			title: m.mix_severity_title(),
			testid: 'mix-severity',
			filter: 'severity',
			codeOf: severity.codeOf,
			spec: buildShareBarOption(severity.items, { itemLabel: m.record_severity() })
		},
		{
			title: m.mix_validity_title(),
			testid: 'mix-validity',
			filter: 'validity',
			codeOf: validity.codeOf,
			spec: buildShareBarOption(validity.items, { itemLabel: m.filter_validity() })
		}
	];
}

/** A month of the trend as a custom period, so a click on a spike shows that month's records. */
export function describeMonthPeriod(month: string): { period: string; from: string; to: string } {
	const [year, number] = month.split('-').map(Number);
	const last = new Date(Date.UTC(year, number, 0)).toISOString().slice(0, 10);
	return { period: 'custom', from: `${month}-01`, to: last };
}

export function hotspotColumns(): DataTableColumn[] {
	return [
		{ key: 'area', label: m.hotspot_area(), sortable: true },
		{ key: 'category', label: m.hotspot_category(), sortable: true },
		{ key: 'count', label: m.hotspot_count(), format: 'integer', sortable: true },
		{ key: 'baseline', label: m.hotspot_baseline(), format: 'decimal', sortable: true },
		{ key: 'excess', label: m.hotspot_excess(), format: 'decimal', sortable: true },
		{ key: 'status', label: m.hotspot_status(), sortable: true }
	];
}

export function describeHotspotRows(cells: HotspotCell[]): DataTableRow[] {
	return cells.map((cell) => ({
		area: cell.area,
		category: labelEnumeration('category', cell.category),
		count: cell.count,
		baseline: Math.round(cell.baseline * 10) / 10,
		excess: Math.round((cell.count - cell.baseline) * 10) / 10,
		status: cell.status === 'chronic' ? m.hotspot_chronic() : m.hotspot_new()
	}));
}

export function repeatUnitColumns(): DataTableColumn[] {
	return [
		{ key: 'area', label: m.record_area(), sortable: true },
		{ key: 'unit', label: m.repeat_unit(), sortable: true },
		{ key: 'category', label: m.record_category(), sortable: true },
		{ key: 'count', label: m.repeat_count(), format: 'integer', sortable: true },
		{ key: 'first', label: m.repeat_first(), format: 'datetime', sortable: true },
		{ key: 'last', label: m.repeat_last(), format: 'datetime', sortable: true }
	];
}

export function describeRepeatUnitRows(units: RepeatUnit[]): DataTableRow[] {
	return units.map((unit) => ({ ...unit, category: labelEnumeration('category', unit.category) }));
}

export function recordColumns(): DataTableColumn[] {
	return [
		{ key: 'id', label: m.record_id(), sortable: true },
		{ key: 'received_at', label: m.record_received(), format: 'datetime', sortable: true },
		{ key: 'area', label: m.record_area(), sortable: true },
		{ key: 'building', label: m.record_building(), sortable: true },
		{ key: 'unit', label: m.record_unit(), sortable: true },
		{ key: 'category', label: m.record_category(), sortable: true },
		{ key: 'severity', label: m.record_severity(), sortable: true },
		{ key: 'channel', label: m.record_channel(), sortable: true },
		{ key: 'department', label: m.record_department(), sortable: true },
		{ key: 'status', label: m.record_status(), sortable: true },
		{ key: 'resolved_at', label: m.record_resolved(), format: 'datetime', sortable: true },
		{ key: 'resident_name', label: m.record_resident() },
		{ key: 'resident_phone', label: m.record_phone() }
	];
}

export function describeRecordRows(records: ComplaintRecord[]): DataTableRow[] {
	return records.map((record) => ({
		...record,
		category: labelEnumeration('category', record.category),
		severity: labelEnumeration('severity', record.severity),
		channel: labelEnumeration('channel', record.channel),
		status: labelEnumeration('complaintStatus', record.status)
	}));
}
