import fs from 'node:fs';
import ExcelJS from 'exceljs';

const categories = ['电梯', '装修噪音', '清洁卫生', '停车', '公共设施', '绿化', '虫害', '服务态度'];
/** The demo's eight areas. */
export const benchAreas = [
	'翠湖花园',
	'锦绣江南',
	'阳光新城',
	'枫林雅苑',
	'滨江一号',
	'国贸中心A座',
	'科技大厦',
	'万象汇商场'
];
const channels = ['来电', '来访', '线上', '来函'];
const departments = ['客服部', '工程部', '秩序部', '环境部'];

export const benchHeader = [
	'投诉编号',
	'投诉时间',
	'渠道',
	'片区',
	'楼栋',
	'房号',
	'投诉类别',
	'投诉级别',
	'是否有效',
	'责任部门',
	'是否转办',
	'首次响应时间',
	'办结时间',
	'投诉内容',
	'联系电话'
];

function pad(n: number): string {
	return String(n).padStart(2, '0');
}

/** One realistic complaint row (~175 bytes in UTF-8), deterministic in its index. */
export function buildBenchRow(i: number): string[] {
	const day = 1 + (i % 28);
	const month = 1 + (Math.floor(i / 28) % 12);
	const hour = 8 + (i % 10);
	const received = `2025-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(i % 60)}:00`;
	return [
		`C${String(i).padStart(8, '0')}`,
		received,
		channels[i % channels.length],
		benchAreas[i % benchAreas.length],
		`${1 + (i % 14)}栋`,
		`${1 + (i % 14)}-${1 + (i % 3)}-${100 + (i % 2800)}`,
		categories[i % categories.length],
		i % 10 === 0 ? '重大' : '一般',
		i % 13 === 0 ? '无效' : '有效',
		departments[i % departments.length],
		i % 5 === 0 ? '是' : '否',
		`2025-${pad(month)}-${pad(day)} ${pad(hour + 1)}:${pad(i % 60)}:00`,
		`2025-${pad(month)}-${pad(day)} ${pad(hour + 2)}:${pad(i % 60)}:00`,
		'电梯运行异响，业主要求尽快检修',
		`138${String(i).padStart(8, '0')}`
	];
}

export function writeBenchCsv(file: string, rows: number): void {
	const fd = fs.openSync(file, 'w');
	let buffer = benchHeader.join(',') + '\n';
	for (let i = 0; i < rows; i++) {
		buffer += buildBenchRow(i).join(',') + '\n';
		if (buffer.length > 1 << 20) {
			fs.writeSync(fd, buffer);
			buffer = '';
		}
	}
	fs.writeSync(fd, buffer);
	fs.closeSync(fd);
}

export async function writeBenchXlsx(file: string, rows: number): Promise<void> {
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true });
	const sheet = workbook.addWorksheet('投诉台账');
	sheet.addRow(benchHeader).commit();
	for (let i = 0; i < rows; i++) sheet.addRow(buildBenchRow(i)).commit();
	sheet.commit();
	await workbook.commit();
}
