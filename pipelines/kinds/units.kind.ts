import { enumField, numberField, unitCodeField } from './field-types.ts';
import { occupancyLabels, propertyTypeLabels } from './enumerations.ts';
import { buildRecordSchema, createTableOutput, type KindDefinition } from './kind-definition.ts';
import { createAreaField, createBuildingField, unitAliases } from './place-fields.ts';

const fields = [
	unitCodeField('unit_code', { aliases: unitAliases, requiredColumn: true }),
	createAreaField(),
	createBuildingField(),
	numberField('floor_area', {
		aliases: [
			'floor area',
			'area m2',
			'gross area',
			'size',
			'建筑面积',
			'面积',
			'面积㎡',
			'面积m2',
			'计费面积'
		],
		min: 0,
		max: 1_000_000
	}),
	enumField('property_type', {
		aliases: ['property type', 'use', 'type', '物业类型', '业态', '房屋类型', '用途'],
		labels: propertyTypeLabels
	}),
	enumField('occupancy', {
		aliases: ['occupancy', 'occupancy status', '入住状态', '使用状态', '居住状态'],
		labels: occupancyLabels
	})
];

export const unitsKind: KindDefinition = {
	kind: 'units',
	label: { en: 'Unit register', zh: '房屋档案' },
	fields,
	periodField: null,
	idField: null,
	// The same room number exists in several communities: a unit is its code within its area.
	deriveId: (record) => `${record.area as string}/${record.unit_code as string}`,
	sqlDeriveId: "area || '/' || unit_code",
	outputs: [createTableOutput('units', fields, null)],
	schema: buildRecordSchema(fields)
};
