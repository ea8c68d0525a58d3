import ExcelJS from 'exceljs';
import { describeFieldLabel } from '../kinds/field-labels.ts';
import type { FieldSpec, FieldValueType, KindDefinition, KindName } from '../kinds/kind-definition.ts';
import { kindRegistry } from '../kinds/kind-registry.ts';

export interface TemplateOptions {
	/** The language the sheet names and notes lead with; headers are always the Chinese canonical ones. */
	locale?: 'zh-CN' | 'en';
}

/** exceljs has `worksheet.dataValidations.add(range, …)` but leaves it out of its type declarations. */
interface RangeValidations {
	add(range: string, validation: ExcelJS.DataValidation): void;
}

type ExampleValue = string | number | Date | null;

/** How many rows carry a drop-down and date format: generous for a month's register. */
const preparedRows = 500;
const exampleCount = 3;

/** Realistic values for the text columns most kinds share; others get a numbered placeholder. */
const textExamples: Record<string, readonly string[]> = {
	area: ['翠湖花园', '翠湖花园', '锦绣苑'],
	building: ['3栋', '5栋', '2栋'],
	unit: ['3-2-1502', '5-1-0801', '2-3-1201'],
	unit_code: ['3-2-1502', '5-1-0801', '2-3-1201'],
	department: ['工程部', '客服部', '环境部'],
	team: ['维修一组', '维修二组', '维修一组'],
	description: ['电梯运行有异响', '楼道灯不亮', '垃圾清运不及时'],
	resident_name: ['张先生', '李女士', '王先生'],
	method: ['微信', '银行转账', '现金'],
	comments: ['', '希望加强巡逻', '']
};

const formatText: Record<FieldValueType, { zh: string; en: string }> = {
	text: { zh: '文本', en: 'text' },
	unit: { zh: '房号，如 3-2-1502', en: 'unit number, e.g. 3-2-1502' },
	phone: { zh: '手机或座机号码', en: 'mobile or landline number' },
	datetime: { zh: '日期时间，如 2025-03-07 09:00', en: 'date and time, e.g. 2025-03-07 09:00' },
	date: { zh: '日期，如 2025-03-31', en: 'date, e.g. 2025-03-31' },
	month: { zh: '月份，如 2025-03', en: 'month, e.g. 2025-03' },
	money: { zh: '金额（元），如 1280.50', en: 'amount in yuan, e.g. 1280.50' },
	integer: { zh: '整数', en: 'whole number' },
	number: { zh: '数字', en: 'number' },
	boolean: { zh: '是 / 否', en: 'yes / no (是/否)' },
	enum: { zh: '从下拉列表选择', en: 'choose from the drop-down list' }
};

function listChoices(field: FieldSpec): string[] {
	return Object.values(field.labels ?? {}).map((labels) => labels[0]);
}

/**
 * An example value for row `r`: dates rise with the field's place among the kind's date fields, so
 * "responded after received" style checks hold; enumerations vary only where any value is consistent.
 */
function createExampleValue(kind: KindDefinition, field: FieldSpec, r: number): ExampleValue {
	const dateFields = kind.fields.filter((f) => f.valueType === 'datetime');
	const step = dateFields.indexOf(field);
	const id = (prefix: string) => `${prefix}2025030${r + 1}`;
	switch (field.valueType) {
		case 'datetime':
			return new Date(Date.UTC(2025, 2, 7 + r, 9 + step * 2, r * 15));
		case 'date':
			return new Date(Date.UTC(2025, 2, 31));
		case 'month':
			return '2025-03';
		case 'money':
			return [1280.5, 356, 89.9][r];
		case 'number':
			return [89.5, 120.3, 65][r];
		case 'integer':
			return field.name === 'rework_count' ? 0 : 1;
		case 'boolean':
			return '否';
		case 'phone':
			return ['13800138000', '13911112222', '0755-86001234'][r];
		case 'enum': {
			const choices = listChoices(field);
			const varied = ['channel', 'category', 'trade', 'fee_type', 'property_type'].includes(field.name);
			return choices[varied ? r % choices.length : 0];
		}
		default:
			if (field.name === 'id') return id(kind.kind.slice(0, 1).toUpperCase());
			if (field.name === 'bill_id') return id('B');
			return textExamples[field.name]?.[r] ?? `${describeFieldLabel(field).zh}${r + 1}`;
	}
}

function describeFormat(field: FieldSpec, locale: 'zh' | 'en'): string {
	return formatText[field.valueType ?? 'text'][locale];
}

function addDataSheet(workbook: ExcelJS.Workbook, kind: KindDefinition, english: boolean): ExcelJS.Worksheet {
	const sheet = workbook.addWorksheet(english ? 'Data 数据' : '数据 Data');
	// The Chinese canonical header: "投诉编号 Complaint ID" would not match any alias, so the English goes in a note.
	const header = sheet.getRow(1);
	kind.fields.forEach((field, i) => {
		const label = describeFieldLabel(field);
		const cell = header.getCell(i + 1);
		cell.value = label.zh;
		cell.note = `${label.en}${field.requiredColumn ? ' (required 必填)' : ''} — ${describeFormat(field, 'en')}`;
		cell.font = { bold: true, color: field.requiredColumn ? { argb: 'FFC00000' } : undefined };
		const column = sheet.getColumn(i + 1);
		column.width = Math.max(12, label.zh.length * 2 + 4);
		if (field.valueType === 'datetime') column.numFmt = 'yyyy-mm-dd hh:mm';
		if (field.valueType === 'date') column.numFmt = 'yyyy-mm-dd';
	});
	for (let r = 0; r < exampleCount; r++) {
		const row = sheet.getRow(r + 2);
		kind.fields.forEach((field, i) => {
			const value = createExampleValue(kind, field, r);
			if (value !== null && value !== '') row.getCell(i + 1).value = value;
		});
	}
	// One range per column, not a validation per cell: cells would make empty rows that readers count.
	const validations = (sheet as unknown as { dataValidations: RangeValidations }).dataValidations;
	kind.fields.forEach((field, i) => {
		if (field.valueType !== 'enum') return;
		const letter = sheet.getColumn(i + 1).letter;
		validations.add(`${letter}2:${letter}${preparedRows}`, {
			type: 'list',
			allowBlank: !field.requiredValue,
			formulae: [`"${listChoices(field).join(',')}"`],
			showErrorMessage: true,
			errorTitle: '请从列表选择 Choose from the list',
			error: listChoices(field).join(' / ')
		});
	});
	sheet.views = [{ state: 'frozen', ySplit: 1 }];
	return sheet;
}

/** A questionnaire's usual questions, coded so the upload recognises them; sites rename or add their own. */
const surveyQuestions = [
	['Q1 总体满意度', 'Overall satisfaction'],
	['Q2 报修维修服务', 'Repairs service'],
	['Q3 清洁卫生', 'Cleaning'],
	['Q4 安全秩序', 'Security'],
	['Q5 客户服务', 'Customer service']
] as const;
const answerChoices = ['非常满意', '满意', '一般', '不满意', '非常不满意', '不适用', '不清楚'];
const exampleAnswers = [
	['满意', '非常满意', '一般', '满意', '满意'],
	['一般', '不适用', '满意', '不满意', '一般'],
	['非常满意', '满意', '满意', '满意', '不清楚']
];

/**
 * The survey template: the respondent columns, then one column per question headed `Q<n> text` (the code
 * prefix is what the upload recognises), each with the answer words as a drop-down — non-answers included,
 * since 不适用 and 不清楚 are answers the survey keeps, never zeros.
 */
function addSurveyQuestions(sheet: ExcelJS.Worksheet, firstColumn: number): void {
	const validations = (sheet as unknown as { dataValidations: RangeValidations }).dataValidations;
	surveyQuestions.forEach(([header, english], q) => {
		const column = sheet.getColumn(firstColumn + q);
		const cell = sheet.getRow(1).getCell(firstColumn + q);
		cell.value = header;
		cell.note = `${english} — ${answerChoices.join(' / ')}`;
		cell.font = { bold: true };
		column.width = 16;
		exampleAnswers.forEach((answers, r) => (sheet.getRow(r + 2).getCell(firstColumn + q).value = answers[q]));
		validations.add(`${column.letter}2:${column.letter}${preparedRows}`, {
			type: 'list',
			allowBlank: true,
			formulae: [`"${answerChoices.join(',')}"`],
			showErrorMessage: true,
			errorTitle: '请从列表选择 Choose from the list',
			error: answerChoices.join(' / ')
		});
	});
}

function addInstructionsSheet(workbook: ExcelJS.Workbook, kind: KindDefinition): ExcelJS.Worksheet {
	const sheet = workbook.addWorksheet('说明 Instructions');
	sheet.addRow([`${kind.label.zh} ${kind.label.en}`]).font = { bold: true, size: 14 };
	sheet.addRow(['每行一条记录；第一行是表头，请勿改名。One record per row; keep the header row as it is.']);
	sheet.addRow([]);
	sheet.addRow(['列 Column', 'English', '必填 Required', '格式', 'Format', '可选值 Allowed values']).font = {
		bold: true
	};
	for (const field of kind.fields) {
		const label = describeFieldLabel(field);
		sheet.addRow([
			label.zh,
			label.en,
			field.requiredColumn ? '是 Yes' : '否 No',
			describeFormat(field, 'zh'),
			describeFormat(field, 'en'),
			field.valueType === 'enum'
				? Object.entries(field.labels ?? {})
						.map(([code, labels]) => `${labels[0]} (${code})`)
						.join('、')
				: ''
		]);
	}
	[14, 22, 12, 28, 32, 60].forEach((width, i) => (sheet.getColumn(i + 1).width = width));
	return sheet;
}

/** An upload template for a kind: a data sheet with examples and drop-downs, and the column instructions. */
export async function buildKindTemplate(kindName: KindName, options: TemplateOptions = {}): Promise<Buffer> {
	const kind = kindRegistry[kindName];
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'Courtyard';
	const sheet = addDataSheet(workbook, kind, options.locale === 'en');
	if (kindName === 'surveys') addSurveyQuestions(sheet, kind.fields.length + 1);
	const instructions = addInstructionsSheet(workbook, kind);
	if (kindName === 'surveys') {
		instructions.addRow([]);
		instructions.addRow(['题目列 Question columns', '以 Q1、Q2… 开头的列是题目；可改题目文字或增加题目。']);
		instructions.addRow(['', 'Columns headed Q1, Q2 … are questions; rename the text or add questions.']);
		instructions.addRow(['答案 Answers', answerChoices.join('、')]);
	}
	return Buffer.from(await workbook.xlsx.writeBuffer());
}
