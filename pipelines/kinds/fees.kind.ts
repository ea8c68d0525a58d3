import { dateField, dateTimeField, enumField, moneyField, monthField, textField } from './field-types.ts';
import { feeTypeLabels } from './enumerations.ts';
import { buildRecordSchema, type FieldProblem, type KindDefinition } from './kind-definition.ts';
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

const fields = [
	textField('bill_id', { aliases: billIdAliases }),
	createUnitField(true),
	createAreaField(),
	createBuildingField(),
	enumField('fee_type', {
		aliases: ['fee type', 'charge type', 'item', '收费项目', '费用类型', '费用项目', '收费类型'],
		labels: feeTypeLabels
	}),
	monthField('period', {
		aliases: ['period', 'billing period', 'month', '账期', '计费月份', '所属期间', '费用所属期', '所属月份'],
		requiredColumn: true
	}),
	moneyField('amount_due', {
		aliases: ['amount due', 'due', 'amount billed', 'billed', '应收金额', '应收', '应缴金额', '应收款'],
		requiredColumn: true
	}),
	dateField('due_date', { aliases: ['due date', 'pay by', '应缴日期', '到期日', '缴费期限', '截止日期'] }),
	// A ledger export carries the payment on the bill's row; it is split into a payment record.
	moneyField('amount_paid', {
		aliases: ['amount paid', 'paid', 'received', '实收金额', '实收', '已缴金额', '实缴金额']
	}),
	dateTimeField('paid_at', {
		aliases: ['paid at', 'payment date', 'date paid', '收款日期', '缴费日期', '缴费时间', '收款时间']
	})
];

const billColumns = ['unit', 'area', 'building', 'fee_type', 'period', 'amount_due', 'due_date'];
const sqlTypeOf = (name: string) => fields.find((f) => f.name === name)!.sqlType;

/** Bills are due on the 15th of the month after their period unless the file says otherwise. */
function applyFeeDefaults(record: Record<string, unknown>): void {
	record.fee_type ??= 'management';
	if (!record.due_date && typeof record.period === 'string') {
		const [year, month] = record.period.split('-').map(Number);
		const next = month === 12 ? `${year + 1}-01` : `${year}-${String(month + 1).padStart(2, '0')}`;
		record.due_date = `${next}-15`;
	}
}

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
	idField: 'bill_id',
	outputs: [
		{
			table: 'fee_bills',
			columns: billColumns.map((name) => ({ name, sqlType: sqlTypeOf(name) })),
			buildRow: (record) => billColumns.map((name) => record[name] ?? null)
		},
		{
			table: 'payments',
			idSuffix: '#ledger',
			columns: [
				{ name: 'bill_id', sqlType: 'VARCHAR' },
				{ name: 'unit', sqlType: 'VARCHAR' },
				{ name: 'area', sqlType: 'VARCHAR' },
				{ name: 'building', sqlType: 'VARCHAR' },
				{ name: 'paid_at', sqlType: 'TIMESTAMP' },
				{ name: 'amount', sqlType: 'DECIMAL(14,2)' },
				{ name: 'method', sqlType: 'VARCHAR' }
			],
			buildRow: (record, id) =>
				record.amount_paid
					? [id, record.unit, record.area, record.building ?? null, record.paid_at, record.amount_paid, null]
					: null
		}
	],
	applyDefaults: applyFeeDefaults,
	checkRecord: checkFeeRow,
	schema: buildRecordSchema(fields)
};
