import { dateField, dateTimeField, enumField, moneyField, monthField, textField } from './field-types.ts';
import { feeTypeLabels } from './enumerations.ts';
import {
	buildRecordSchema,
	constantDefault,
	type FieldProblem,
	type KindDefinition
} from './kind-definition.ts';
import { createAreaField, createBuildingField, createUnitField } from './place-fields.ts';

const billIdAliases = [
	'bill id',
	'bill no',
	'invoice no',
	'bill',
	'账单编号',
	'账单号',
	'单据号',
	'应收单号'
];

/** Bills are due on the 15th of the month after their period unless the file says otherwise. */
function computeDefaultDueDate(record: Record<string, unknown>): string | null {
	if (typeof record.period !== 'string') return null;
	const [year, month] = record.period.split('-').map(Number);
	const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
	return `${next}-15`;
}

const fields = [
	textField('bill_id', { aliases: billIdAliases }),
	createUnitField(true),
	createAreaField(),
	createBuildingField(),
	enumField('fee_type', {
		aliases: ['fee type', 'charge type', 'item', '收费项目', '费用类型', '费用项目', '收费类型'],
		labels: feeTypeLabels,
		defaultValue: constantDefault('management')
	}),
	monthField('period', {
		aliases: ['period', 'billing period', 'month', '账期', '计费月份', '所属期间', '费用所属期', '所属月份'],
		requiredColumn: true
	}),
	moneyField('amount_due', {
		aliases: ['amount due', 'due', 'amount billed', 'billed', '应收金额', '应收', '应缴金额', '应收款'],
		requiredColumn: true
	}),
	dateField('due_date', {
		aliases: ['due date', 'pay by', '应缴日期', '到期日', '缴费期限', '截止日期'],
		defaultValue: {
			compute: computeDefaultDueDate,
			sql: "(date_trunc('month', period) + INTERVAL 1 MONTH + INTERVAL 14 DAY)::DATE"
		}
	}),
	// A ledger export carries the payment on the bill's row; it is split into a payment record.
	moneyField('amount_paid', {
		aliases: ['amount paid', 'paid', 'received', '实收金额', '实收', '已缴金额', '实缴金额']
	}),
	dateTimeField('paid_at', {
		aliases: ['paid at', 'payment date', 'date paid', '收款日期', '缴费日期', '缴费时间', '收款时间']
	})
];

function checkFeeRow(record: Record<string, unknown>): FieldProblem[] {
	const problems: FieldProblem[] = [];
	const paid = record.amount_paid as number | null;
	if (paid !== null && paid !== undefined && paid !== 0 && !record.paid_at)
		problems.push({ field: 'paid_at', reason: 'a paid amount needs the date it was received' });
	if ((record.amount_due as number) < 0)
		problems.push({ field: 'amount_due', reason: 'the amount due cannot be negative' });
	return problems;
}

export const feesKind: KindDefinition = {
	kind: 'fees',
	label: { en: 'Fee bills (and ledger payments)', zh: '应收账单' },
	fields,
	periodField: 'period',
	idField: 'bill_id',
	outputs: [
		{
			table: 'fee_bills',
			columns: ['unit', 'area', 'building', 'fee_type', 'period', 'amount_due', 'due_date'].map((name) => ({
				name,
				sql: name
			}))
		},
		{
			table: 'payments',
			idSuffix: '#ledger',
			where: 'amount_paid IS NOT NULL AND amount_paid <> 0',
			columns: [
				{ name: 'bill_id', sql: 'stage_id' },
				{ name: 'unit', sql: 'unit' },
				{ name: 'area', sql: 'area' },
				{ name: 'building', sql: 'building' },
				{ name: 'paid_at', sql: 'paid_at' },
				{ name: 'amount', sql: 'amount_paid' },
				{ name: 'method', sql: 'NULL' }
			]
		}
	],
	checkRecord: checkFeeRow,
	sqlChecks: ['(amount_paid IS NULL OR amount_paid = 0 OR paid_at IS NOT NULL)', 'amount_due >= 0'],
	schema: buildRecordSchema(fields)
};
