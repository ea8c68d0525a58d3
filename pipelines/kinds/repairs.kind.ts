import {
	booleanField,
	dateTimeField,
	enumField,
	integerField,
	moneyField,
	textField
} from './field-types.ts';
import {
	repairLocationLabels,
	repairPriorityLabels,
	repairStatusLabels,
	returnVisitResultLabels,
	tradeLabels
} from './enumerations.ts';
import {
	buildRecordSchema,
	constantDefault,
	createTableOutput,
	type FieldProblem,
	type KindDefinition
} from './kind-definition.ts';
import { createAreaField, createBuildingField, createUnitField } from './place-fields.ts';

const fields = [
	textField('id', {
		aliases: [
			'work order id',
			'work order',
			'order no',
			'order id',
			'repair id',
			'id',
			'工单号',
			'派工单号',
			'报修单号',
			'维修单号',
			'工单编号'
		]
	}),
	dateTimeField('reported_at', {
		aliases: [
			'reported at',
			'date reported',
			'report time',
			'requested at',
			'报修时间',
			'报修日期',
			'受理时间'
		],
		requiredColumn: true
	}),
	createAreaField(),
	createBuildingField(),
	createUnitField(),
	enumField('location', {
		aliases: ['location', 'location type', 'scope', '报修位置', '维修区域', '位置类型', '报修区域'],
		labels: repairLocationLabels
	}),
	enumField('trade', {
		aliases: ['trade', 'repair type', 'category', '维修类别', '专业', '工种', '报修类别', '维修类型'],
		labels: tradeLabels,
		requiredColumn: true
	}),
	enumField('priority', {
		aliases: ['priority', 'urgency', '紧急程度', '优先级', '缓急'],
		labels: repairPriorityLabels,
		defaultValue: constantDefault('routine')
	}),
	dateTimeField('agreed_at', {
		aliases: [
			'agreed at',
			'appointment',
			'appointment time',
			'agreed time',
			'预约时间',
			'约定上门时间',
			'预约上门时间'
		]
	}),
	dateTimeField('arrived_at', {
		aliases: ['arrived at', 'arrival time', 'on site at', '到场时间', '上门时间', '到达时间']
	}),
	dateTimeField('completed_at', {
		aliases: ['completed at', 'completion time', 'finished at', '完工时间', '完成时间', '维修完成时间']
	}),
	textField('team', { aliases: ['team', 'crew', 'technician team', '维修班组', '班组', '维修组'] }),
	integerField('rework_count', {
		aliases: ['rework count', 'reworked', 'reworks', 'rework', '返修次数', '返工次数'],
		min: 0,
		max: 99
	}),
	booleanField('accepted', {
		aliases: ['accepted', 'accepted by resident', 'sign off', '业户验收', '是否验收', '验收'],
		requiredColumn: false
	}),
	dateTimeField('return_visit_at', { aliases: ['return visit at', 'return visit time', '回访时间'] }),
	enumField('satisfaction', {
		aliases: [
			'satisfaction',
			'return visit result',
			'return visit satisfaction',
			'回访满意度',
			'满意度',
			'回访结果'
		],
		labels: returnVisitResultLabels
	}),
	moneyField('fee', { aliases: ['fee', 'fee charged', 'charge', 'cost', '维修费用', '收费金额', '费用'] }),
	enumField('status', { aliases: ['status', 'state', '状态', '工单状态'], labels: repairStatusLabels })
];

function checkWorkOrder(record: Record<string, unknown>): FieldProblem[] {
	const problems: FieldProblem[] = [];
	const reported = record.reported_at as string | null;
	if (!reported) return problems;
	for (const field of ['arrived_at', 'completed_at'] as const) {
		const at = record[field] as string | null;
		if (at && at < reported)
			problems.push({
				field,
				reason: `${field.replace('_at', '')} ${at} is before the repair was reported (${reported})`
			});
	}
	const arrived = record.arrived_at as string | null;
	const completed = record.completed_at as string | null;
	if (arrived && completed && completed < arrived)
		problems.push({ field: 'completed_at', reason: `completed ${completed} is before arrival (${arrived})` });
	return problems;
}

export const repairsKind: KindDefinition = {
	kind: 'repairs',
	label: { en: 'Repair work orders', zh: '报修工单' },
	fields,
	periodField: 'reported_at',
	idField: 'id',
	outputs: [createTableOutput('work_orders', fields, 'id')],
	sqlChecks: [
		'(arrived_at IS NULL OR arrived_at >= reported_at)',
		'(completed_at IS NULL OR completed_at >= reported_at)',
		'(arrived_at IS NULL OR completed_at IS NULL OR completed_at >= arrived_at)'
	],
	checkRecord: checkWorkOrder,
	schema: buildRecordSchema(fields)
};
