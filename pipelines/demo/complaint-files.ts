/** Writes the complaint register as the three kinds of file staff really upload (see PATTERNS.md § Files). */
import { join } from 'node:path';
import { formatIsoDateTime, formatSlashDateTime, getYear } from './dates.ts';
import type { ComplaintRecord } from './complaints.demo.ts';
import type { Rng } from './random.ts';
import {
	writeCsvFile,
	writeXlsxFile,
	type CsvEncoding,
	type DemoFile,
	type XlsxColumn
} from './write-files.ts';

export const COMPLAINT_HEADERS_ZH = [
	'投诉编号',
	'投诉时间',
	'渠道',
	'片区',
	'楼栋',
	'房号',
	'投诉类别',
	'投诉级别',
	'是否有效',
	'无效原因',
	'责任部门',
	'是否转办',
	'首次响应时间',
	'办结时间',
	'回访时间',
	'回访结果',
	'升级级别',
	'状态',
	'投诉内容',
	'投诉人',
	'联系电话'
];

export const COMPLAINT_HEADERS_EN = [
	'Complaint ID',
	'Received at',
	'Channel',
	'Area',
	'Building',
	'Unit',
	'Category',
	'Severity',
	'Valid',
	'Invalid reason',
	'Department',
	'Transferred',
	'First response at',
	'Resolved at',
	'Return visit at',
	'Return visit result',
	'Escalation level',
	'Status',
	'Description',
	'Resident name',
	'Phone'
];

/** Which calendar year goes into which file format; the years are those of 投诉时间. */
const CSV_LAYOUTS: Record<number, { encoding: CsvEncoding; formatTime: (ms: number) => string }> = {
	2023: { encoding: 'gb18030', formatTime: formatSlashDateTime },
	2024: { encoding: 'utf-8-bom', formatTime: formatIsoDateTime },
	2025: { encoding: 'utf-8', formatTime: formatSlashDateTime }
};
const XLSX_YEAR = 2026;

/** Share of CSV rows whose unit code is typed sloppily (case, full-width, spaces), to exercise normalising. */
const SLOPPY_UNIT_SHARE = 0.005;

function convertToFullWidth(text: string): string {
	return text.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
}

export function disguiseUnitCode(rng: Rng, code: string): string {
	if (!rng.rollChance(SLOPPY_UNIT_SHARE)) return code;
	const style = rng.drawInt(0, 2);
	if (style === 0) return code.toLowerCase();
	if (style === 1) return convertToFullWidth(code);
	return ` ${code} `;
}

function convertToCsvCells(
	rng: Rng,
	c: ComplaintRecord,
	formatTime: (ms: number) => string
): (string | number | null)[] {
	const formatOptional = (ms: number | null) => (ms === null ? null : formatTime(ms));
	return [
		c.id,
		formatTime(c.receivedAt),
		c.channel,
		c.area,
		c.building,
		disguiseUnitCode(rng, c.unit),
		c.category,
		c.severity,
		c.valid ? '有效' : '无效',
		c.invalidReason,
		c.department,
		c.transferred ? '是' : '否',
		formatOptional(c.firstResponseAt),
		formatOptional(c.resolvedAt),
		formatOptional(c.returnVisitAt),
		c.returnVisitResult,
		c.escalationLevel,
		c.status,
		c.description,
		c.residentName,
		c.phone
	];
}

function convertToXlsxCells(c: ComplaintRecord): (string | number | Date | null)[] {
	const convertOptional = (ms: number | null) => (ms === null ? null : new Date(ms));
	return [
		c.id,
		new Date(c.receivedAt),
		c.channel,
		c.area,
		c.building,
		c.unit,
		c.category,
		c.severity,
		c.valid ? '有效' : '无效',
		c.invalidReason || null,
		c.department,
		c.transferred ? 'Y' : 'N',
		convertOptional(c.firstResponseAt),
		convertOptional(c.resolvedAt),
		convertOptional(c.returnVisitAt),
		c.returnVisitResult || null,
		c.escalationLevel,
		c.status,
		c.description,
		c.residentName,
		c.phone
	];
}

const DATE_COLUMNS = new Set([1, 12, 13, 14]);
const WIDE_COLUMNS = new Map([
	[0, 16],
	[18, 40]
]);

export async function writeComplaintFiles(
	rng: Rng,
	complaints: ComplaintRecord[],
	outDir: string
): Promise<DemoFile[]> {
	const byYear = new Map<number, ComplaintRecord[]>();
	for (const complaint of complaints) {
		const year = getYear(complaint.receivedAt);
		const list = byYear.get(year) ?? [];
		list.push(complaint);
		byYear.set(year, list);
	}
	const files: DemoFile[] = [];
	for (const [year, layout] of Object.entries(CSV_LAYOUTS)) {
		const rows = (byYear.get(Number(year)) ?? []).map((c) => convertToCsvCells(rng, c, layout.formatTime));
		const path = join(outDir, `complaints-${year}.csv`);
		files.push({
			path,
			kind: 'complaints',
			rows: await writeCsvFile(path, COMPLAINT_HEADERS_ZH, rows, layout.encoding)
		});
	}
	const latest = byYear.get(XLSX_YEAR) ?? [];
	const columns: XlsxColumn[] = COMPLAINT_HEADERS_EN.map((header, i) => ({
		header,
		width: DATE_COLUMNS.has(i) ? 17 : (WIDE_COLUMNS.get(i) ?? 12),
		numFmt: DATE_COLUMNS.has(i) ? 'yyyy-mm-dd hh:mm' : undefined
	}));
	const path = join(outDir, `complaints-${XLSX_YEAR}.xlsx`);
	const rows = await writeXlsxFile(path, {
		name: '投诉台账',
		columns,
		titleRow: `${XLSX_YEAR}年度投诉台账`,
		rows: latest.map(convertToXlsxCells),
		totalsRow: ['合计', `共 ${latest.length} 条`]
	});
	files.push({ path, kind: 'complaints', rows });
	return files;
}
