import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { encodeGb18030 } from '../../pipelines/demo/gb18030-encoder.ts';

/**
 * Files as front-desk staff upload them, written fresh for each run. Their records sit in an area of their
 * own (E2E测试苑) so the dashboards' planted patterns are not disturbed.
 */
export const testArea = 'E2E测试苑';
const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'courtyard-e2e-imports-'));

const chineseHeader = [
	'投诉编号',
	'受理时间',
	'片区',
	'楼栋',
	'房号',
	'投诉类别',
	'投诉级别',
	'是否有效',
	'是否转办',
	'责任部门',
	'状态',
	'办结时间'
];

/**
 * One complaint resolved an hour after it came in (so the imported rows never drag a department's
 * timeliness down for the other end-to-end tests); `resolved` can be overridden for a bad row.
 */
function complaintRow(id: string, received: string, category = '电梯', resolved?: string): string[] {
	const oneHourLater = received.replace(
		/ (\d{2}):/,
		(_, hour: string) => ` ${String(Number(hour) + 1).padStart(2, '0')}:`
	);
	return [
		id,
		received,
		testArea,
		'1栋',
		'1-101',
		category,
		'一般',
		'有效',
		'否',
		'客服部',
		'已办结',
		resolved ?? oneHourLater
	];
}
function writeFile(name: string, content: string | Uint8Array): string {
	const file = path.join(directory, name);
	fs.writeFileSync(file, content);
	return file;
}

function toCsv(rows: string[][]): string {
	return rows.map((row) => row.join(',')).join('\r\n') + '\r\n';
}

/** A Chinese Excel "CSV": GB18030, Chinese headers. */
export function writeGb18030Complaints(prefix: string, count: number): string {
	const rows = Array.from({ length: count }, (_, i) =>
		complaintRow(`${prefix}-${i + 1}`, `2026/10/2${i % 9} 09:1${i % 10}`)
	);
	return writeFile(`${prefix}.csv`, encodeGb18030(toCsv([chineseHeader, ...rows])));
}

/** A workbook with a title row above the header and a 合计 row below the data. */
export async function writeTitledWorkbook(prefix: string): Promise<string> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('投诉登记');
	sheet.addRow(['2026年10月 投诉登记表']);
	sheet.mergeCells(1, 1, 1, chineseHeader.length);
	sheet.addRow(chineseHeader);
	for (let i = 1; i <= 3; i++) sheet.addRow(complaintRow(`${prefix}-${i}`, `2026-10-1${i} 10:00`));
	sheet.addRow(['合计', '3 件']);
	const file = path.join(directory, `${prefix}.xlsx`);
	await workbook.xlsx.writeFile(file);
	return file;
}

/** Two good rows and two bad ones: an impossible date, and resolved before received. */
export function writeComplaintsWithBadRows(prefix: string): string {
	const rows = [
		complaintRow(`${prefix}-1`, '2026-10-05 09:00'),
		complaintRow(`${prefix}-2`, '2026-02-30 09:00', '电梯', ''),
		complaintRow(`${prefix}-3`, '2026-10-06 09:00', '电梯', '2026-10-01 09:00'),
		complaintRow(`${prefix}-4`, '2026-10-07 09:00')
	];
	return writeFile(`${prefix}.csv`, '\uFEFF' + toCsv([chineseHeader, ...rows]));
}

/** A file whose category column has a header no alias knows (问题归类), so staff map it by hand. */
export function writeComplaintsWithOddHeader(prefix: string): string {
	const header = chineseHeader.map((cell) => (cell === '投诉类别' ? '问题归类' : cell));
	const rows = [
		complaintRow(`${prefix}-1`, '2026-10-08 09:00', '清洁卫生'),
		complaintRow(`${prefix}-2`, '2026-10-09 09:00')
	];
	return writeFile(`${prefix}.csv`, '\uFEFF' + toCsv([header, ...rows]));
}

/** A picture named like a spreadsheet. */
export function writeFakeSpreadsheet(): string {
	const png = Uint8Array.from([
		0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52
	]);
	return writeFile('complaints-october.csv', png);
}

/**
 * A survey typed up from paper forms: question columns without codes and the site's own answer words
 * (很好/好/一般/差/很差, 没用过 for "not applicable"). Dated 2019 so it forms a wave of its own and leaves the
 * demo's waves and questions alone; its question texts are none of the demo's (总体满意度 would be read as
 * the demo's Q1 by its text).
 */
export async function writeUncodedSurvey(prefix: string): Promise<string> {
	const workbook = new ExcelJS.Workbook();
	const sheet = workbook.addWorksheet('问卷');
	sheet.addRow(['问卷编号', '片区', '房号', '调查日期', '整体满意度', '报修服务满意度']);
	const answers = [
		['很好', '好'],
		['好', '没用过'],
		['一般', '差'],
		['差', '很差'],
		['很好', '很好'],
		['好', '没用过']
	];
	answers.forEach(([overall, repairs], i) =>
		sheet.addRow([`${prefix}-${i + 1}`, testArea, `1-10${i}`, '2019-10-15', overall, repairs])
	);
	const file = path.join(directory, `${prefix}.xlsx`);
	await workbook.xlsx.writeFile(file);
	return file;
}
