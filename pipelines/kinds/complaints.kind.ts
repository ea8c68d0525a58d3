import {
	booleanField,
	dateTimeField,
	enumField,
	integerField,
	phoneField,
	textField
} from './field-types.ts';
import {
	channelLabels,
	complaintCategoryLabels,
	complaintStatusLabels,
	returnVisitResultLabels,
	severityLabels,
	validityLabels
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
			'complaint id',
			'complaint no',
			'id',
			'no',
			'ticket',
			'投诉编号',
			'投诉单号',
			'编号',
			'单号',
			'工单编号'
		]
	}),
	dateTimeField('received_at', {
		aliases: [
			'received at',
			'date received',
			'received',
			'complaint time',
			'投诉时间',
			'受理时间',
			'来电时间',
			'登记时间'
		],
		requiredColumn: true
	}),
	enumField('channel', {
		aliases: ['channel', 'source', 'complaint channel', '渠道', '投诉方式', '投诉渠道', '来源', '受理方式'],
		labels: channelLabels
	}),
	createAreaField(),
	createBuildingField(),
	createUnitField(),
	enumField('category', {
		aliases: ['category', 'complaint type', 'type', '投诉类别', '类别', '问题类型', '投诉类型', '分类'],
		labels: complaintCategoryLabels,
		requiredColumn: true
	}),
	enumField('severity', {
		aliases: ['severity', 'level', 'complaint level', '投诉级别', '严重程度', '等级', '级别'],
		labels: severityLabels,
		defaultValue: constantDefault('general')
	}),
	enumField('validity', {
		aliases: ['validity', 'valid', 'is valid', '是否有效', '有效性', '有效投诉'],
		labels: validityLabels,
		defaultValue: constantDefault('valid')
	}),
	textField('invalid_reason', { aliases: ['invalid reason', 'reason invalid', '无效原因'] }),
	textField('department', {
		aliases: ['department', 'dept', 'responsible department', '责任部门', '处理部门', '部门']
	}),
	booleanField('transferred', {
		aliases: ['transferred', 'is transferred', 'handed over', '是否转办', '转办', '是否转派'],
		defaultValue: constantDefault(false)
	}),
	dateTimeField('first_response_at', {
		aliases: [
			'first response at',
			'first response',
			'responded at',
			'response time',
			'首次响应时间',
			'响应时间'
		]
	}),
	dateTimeField('resolved_at', {
		aliases: [
			'resolved at',
			'closed at',
			'date resolved',
			'resolution time',
			'办结时间',
			'处理完成时间',
			'解决时间',
			'完成时间'
		]
	}),
	dateTimeField('return_visit_at', {
		aliases: ['return visit at', 'return visit time', 'follow-up at', '回访时间']
	}),
	enumField('return_visit_result', {
		aliases: [
			'return visit result',
			'return visit satisfaction',
			'follow-up result',
			'回访结果',
			'回访满意度',
			'回访评价'
		],
		labels: returnVisitResultLabels
	}),
	integerField('escalation_level', {
		aliases: ['escalation level', 'escalation', '升级级别', '处理层级', '升级层级'],
		min: 1,
		max: 3
	}),
	enumField('status', { aliases: ['status', 'state', '状态', '处理状态'], labels: complaintStatusLabels }),
	textField('description', {
		aliases: ['description', 'details', 'content', '投诉内容', '内容', '描述', '问题描述']
	}),
	textField('resident_name', {
		aliases: ['resident name', 'name', 'complainant', '投诉人', '业户姓名', '姓名', '联系人'],
		personal: true
	}),
	phoneField('resident_phone', {
		aliases: ['phone', 'resident phone', 'telephone', 'mobile', '联系电话', '电话', '手机', '手机号'],
		personal: true
	})
];

/** Cross-field rules: a complaint cannot be answered, resolved or visited before it was received. */
function checkComplaint(record: Record<string, unknown>): FieldProblem[] {
	const problems: FieldProblem[] = [];
	const received = record.received_at as string | null;
	if (!received) return problems;
	for (const [field, label] of [
		['first_response_at', 'first response'],
		['resolved_at', 'resolution']
	] as const) {
		const at = record[field] as string | null;
		if (at && at < received)
			problems.push({ field, reason: `${label} ${at} is before the complaint was received (${received})` });
	}
	const resolved = record.resolved_at as string | null;
	const visited = record.return_visit_at as string | null;
	if (visited && resolved && visited < resolved)
		problems.push({
			field: 'return_visit_at',
			reason: `return visit ${visited} is before the resolution (${resolved})`
		});
	return problems;
}

export const complaintsKind: KindDefinition = {
	kind: 'complaints',
	label: { en: 'Complaints', zh: '投诉' },
	fields,
	periodField: 'received_at',
	idField: 'id',
	outputs: [createTableOutput('complaints', fields, 'id')],
	checkRecord: checkComplaint,
	sqlChecks: [
		'(first_response_at IS NULL OR first_response_at >= received_at)',
		'(resolved_at IS NULL OR resolved_at >= received_at)',
		'(return_visit_at IS NULL OR resolved_at IS NULL OR return_visit_at >= resolved_at)'
	],
	schema: buildRecordSchema(fields)
};
