import { textField, unitCodeField } from './field-types.ts';

/** Where a record happened (SPEC §2): shared by every kind so the aliases stay the same everywhere. */
export const areaAliases = [
	'area',
	'site',
	'project',
	'community',
	'片区',
	'项目',
	'区域',
	'小区',
	'管理处',
	'项目名称'
];
export const buildingAliases = ['building', 'block', 'tower', '楼栋', '楼号', '栋', '楼宇', '栋号'];
export const unitAliases = [
	'unit',
	'room',
	'unit code',
	'unit no',
	'suite',
	'shop',
	'房号',
	'房间号',
	'单元',
	'房屋编号',
	'铺位号'
];

export function createAreaField(requiredColumn = true) {
	return textField('area', { aliases: areaAliases, requiredColumn });
}

export function createBuildingField() {
	return textField('building', { aliases: buildingAliases });
}

export function createUnitField(requiredColumn = false) {
	return unitCodeField('unit', { aliases: unitAliases, requiredColumn });
}
