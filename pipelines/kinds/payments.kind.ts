import { dateTimeField, moneyField, textField } from './field-types.ts';
import {
	buildRecordSchema,
	createTableOutput,
	type FieldProblem,
	type KindDefinition
} from './kind-definition.ts';
import { createAreaField, createBuildingField, createUnitField } from './place-fields.ts';

const fields = [
	textField('id', {
		aliases: ['payment id', 'receipt no', 'receipt', 'payment no', '收款单号', '收据号', '收款编号', '流水号']
	}),
	textField('bill_id', { aliases: ['bill id', 'bill no', 'invoice no', '账单编号', '账单号', '应收单号'] }),
	createUnitField(),
	createAreaField(false),
	createBuildingField(),
	dateTimeField('paid_at', {
		aliases: ['paid at', 'payment date', 'date paid', '收款日期', '缴费日期', '缴费时间', '收款时间'],
		requiredColumn: true
	}),
	moneyField('amount', {
		aliases: ['amount', 'amount paid', 'paid', '实收金额', '收款金额', '金额', '实收', '缴费金额'],
		requiredColumn: true
	}),
	textField('method', {
		aliases: ['method', 'payment method', 'channel', '支付方式', '收款方式', '缴费方式']
	})
];

/** A payment must say what it pays: a bill, or at least the unit (then it settles the oldest open bills). */
function checkPayment(record: Record<string, unknown>): FieldProblem[] {
	if (!record.bill_id && !record.unit)
		return [{ field: 'bill_id', reason: 'a payment needs a bill id or a unit to apply it to' }];
	return [];
}

export const paymentsKind: KindDefinition = {
	kind: 'payments',
	label: { en: 'Payments', zh: '实收/缴费记录' },
	fields,
	periodField: 'paid_at',
	idField: 'id',
	outputs: [createTableOutput('payments', fields, 'id')],
	checkRecord: checkPayment,
	sqlChecks: ['(bill_id IS NOT NULL OR unit IS NOT NULL)'],
	schema: buildRecordSchema(fields)
};
