import { dateField, enumField, textField } from './field-types.ts';
import { respondentTypeLabels } from './enumerations.ts';
import { buildRecordSchema, type KindDefinition } from './kind-definition.ts';
import { createAreaField, createBuildingField, createUnitField } from './place-fields.ts';

const fields = [
	textField('respondent_id', {
		aliases: [
			'respondent id',
			'response id',
			'questionnaire no',
			'id',
			'问卷编号',
			'受访者编号',
			'样本编号',
			'编号'
		]
	}),
	createAreaField(),
	createBuildingField(),
	createUnitField(),
	enumField('respondent_type', {
		aliases: ['respondent type', 'respondent', 'tenure', '受访者类型', '身份', '业主类型', '住户类型'],
		labels: respondentTypeLabels
	}),
	dateField('response_date', {
		aliases: [
			'response date',
			'date',
			'survey date',
			'interview date',
			'调查日期',
			'填写日期',
			'日期',
			'访问日期'
		],
		requiredColumn: false
	}),
	textField('comments', {
		aliases: [
			'comments',
			'comment',
			'suggestions',
			'other comments',
			'意见建议',
			'其他意见',
			'意见',
			'建议',
			'备注'
		]
	})
];

/**
 * A wide survey file: the fixed columns above plus one column per question, recognised by a code prefix
 * (Q3, TP02) or by text matching a known question. The parser turns each row into a respondent and
 * long-form answers (see survey-answers.ts); the loader attaches them to a wave.
 */
export const surveysKind: KindDefinition = {
	kind: 'surveys',
	label: { en: 'Satisfaction survey responses', zh: '满意度调查问卷' },
	fields,
	periodField: 'response_date',
	idField: 'respondent_id',
	outputs: [],
	schema: buildRecordSchema(fields)
};
