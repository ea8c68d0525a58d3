import type { DataTableColumn, DataTableRow } from '$lib/components/data-table-rows.ts';

/** Fixed sample figures for the component demo page (and its end-to-end test), not real data. */
export const sampleAreas = ['翠湖花园', '锦绣江南', '滨江国际', 'Central Plaza'];
export const sampleCategories = [
	'电梯 Lifts',
	'噪音 Noise',
	'停车 Parking',
	'保洁 Cleaning',
	'安保 Security'
];

export const sampleHeatmapCells = sampleAreas.flatMap((row, rowIndex) =>
	sampleCategories.map((column, columnIndex) => ({
		row,
		column,
		value: ((rowIndex + 2) * (columnIndex + 3) * 7) % 41,
		flagged: rowIndex === 1 && columnIndex === 2
	}))
);

export const sampleMonths = [
	'2025-11',
	'2025-12',
	'2026-01',
	'2026-02',
	'2026-03',
	'2026-04',
	'2026-05',
	'2026-06',
	'2026-07',
	'2026-08',
	'2026-09',
	'2026-10'
];
export const sampleMonthlyCounts = [212, 198, 240, 187, 205, 221, 230, 402, 236, 228, 219, 241];
export const sampleClosureRates = [0.91, 0.93, 0.9, 0.94, 0.92, 0.95, 0.93, 0.81, 0.92, 0.94, 0.95, 0.96];

export const sampleBuildings = [
	{ label: '翠湖花园 3 栋', value: 41 },
	{ label: '锦绣江南 7 栋', value: 33 },
	{ label: '滨江国际 A 座', value: 27 },
	{ label: 'Central Plaza T2', value: 19 },
	{ label: '翠湖花园 1 栋', value: 12 }
];

export const sampleResponseBins = [
	{ label: '0–2 h', count: 120 },
	{ label: '2–4 h', count: 84 },
	{ label: '4–8 h', count: 51 },
	{ label: '8–24 h', count: 23 },
	{ label: '24–48 h', count: 9 },
	{ label: '> 48 h', count: 4 }
];

export const sampleChannels = [
	{ label: '电话 Phone', value: 540 },
	{ label: '微信 WeChat', value: 310 },
	{ label: '前台 Front desk', value: 120 },
	{ label: '邮件 Email', value: 30 }
];

export const sampleTableColumns: DataTableColumn[] = [
	{ key: 'id', label: 'ID', sortable: true },
	{ key: 'area', label: 'Area', sortable: true },
	{ key: 'note', label: 'Note' },
	{ key: 'opened', label: 'Opened', format: 'day', sortable: true },
	{ key: 'count', label: 'Count', format: 'integer', sortable: true },
	{ key: 'rate', label: 'Closure rate', format: 'percent', sortable: true },
	{ key: 'amount', label: 'Arrears', format: 'money', sortable: true },
	{ key: 'escalated', label: 'Escalated', format: 'text' }
];

const notes = ['电梯异响，已派工', '楼道灯不亮', 'Parking gate, fixed', '噪音扰民（夜间装修）', '垃圾未清运'];

export const sampleTableRows: DataTableRow[] = Array.from({ length: 60 }, (_, index) => ({
	id: `C-${String(index + 1).padStart(4, '0')}`,
	area: sampleAreas[index % sampleAreas.length],
	note: index === 6 ? '=1+1' : notes[index % notes.length],
	opened: `2026-10-${String((index % 28) + 1).padStart(2, '0')}`,
	count: ((index * 37) % 23) - (index === 9 ? 30 : 0),
	rate: ((index * 53) % 100) / 100,
	amount: Math.round(((index * 7919) % 100_000) * 1.25) / 100,
	escalated: index % 4 === 0
}));

export const sampleTableTotals = {
	id: '合计 Total',
	count: sampleTableRows.reduce((sum, row) => sum + (row.count as number), 0),
	rate: sampleTableRows.reduce((sum, row) => sum + (row.rate as number), 0) / sampleTableRows.length,
	amount: Math.round(sampleTableRows.reduce((sum, row) => sum + (row.amount as number), 0) * 100) / 100
};
