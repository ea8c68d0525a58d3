/** Writes the repair work orders as one CSV per calendar year of 报修时间 (UTF-8, Chinese headers). */
import { join } from 'node:path';
import { formatIsoDateTime, formatSlashDateTime, getYear } from './dates.ts';
import type { RepairRecord } from './repairs.demo.ts';
import { writeCsvFile, type CsvEncoding, type DemoFile } from './write-files.ts';

export const REPAIR_HEADERS = [
	'工单号',
	'报修时间',
	'片区',
	'楼栋',
	'房号',
	'报修位置',
	'维修类别',
	'紧急程度',
	'预约时间',
	'到场时间',
	'完工时间',
	'维修班组',
	'返修次数',
	'业户验收',
	'回访时间',
	'回访满意度',
	'维修费用',
	'状态'
];

const YUAN = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export function formatYuan(amount: number): string {
	return `¥${YUAN.format(amount)}`;
}

const FILE_LAYOUTS: Record<number, { encoding: CsvEncoding; formatTime: (ms: number) => string }> = {
	2023: { encoding: 'utf-8-bom', formatTime: formatIsoDateTime },
	2024: { encoding: 'utf-8', formatTime: formatSlashDateTime },
	2025: { encoding: 'utf-8-bom', formatTime: formatIsoDateTime },
	2026: { encoding: 'utf-8-bom', formatTime: formatSlashDateTime }
};

export async function writeRepairFiles(repairs: RepairRecord[], outDir: string): Promise<DemoFile[]> {
	const files: DemoFile[] = [];
	for (const [year, { encoding, formatTime }] of Object.entries(FILE_LAYOUTS)) {
		const formatOptional = (ms: number | null) => (ms === null ? null : formatTime(ms));
		const rows = repairs
			.filter((r) => getYear(r.reportedAt) === Number(year))
			.map((r) => [
				r.id,
				formatTime(r.reportedAt),
				r.area,
				r.building,
				r.unit,
				r.location,
				r.trade,
				r.priority,
				formatOptional(r.agreedAt),
				formatOptional(r.arrivedAt),
				formatOptional(r.completedAt),
				r.team,
				r.reworkCount,
				r.accepted === null ? '' : r.accepted ? '是' : '否',
				formatOptional(r.returnVisitAt),
				r.satisfaction,
				formatYuan(r.fee),
				r.status
			]);
		const path = join(outDir, `repairs-${year}.csv`);
		files.push({ path, kind: 'repairs', rows: await writeCsvFile(path, REPAIR_HEADERS, rows, encoding) });
	}
	return files;
}
