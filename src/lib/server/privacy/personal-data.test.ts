import { describe, expect, it } from 'vitest';
import { maskPersonName, maskResident } from './personal-data.ts';

describe('maskPersonName', () => {
	it('keeps only the outline of a name', () => {
		expect(maskPersonName('张三')).toBe('张*');
		expect(maskPersonName('欧阳明华')).toBe('欧**华');
		expect(maskPersonName('王')).toBe('*');
		expect(maskPersonName('John Smith')).toBe('J********h');
	});
});

describe('maskResident', () => {
	it('masks both name and phone and leaves other fields alone', () => {
		expect(maskResident({ id: 'C1', resident_name: '李小龙', resident_phone: '13800138000' })).toEqual({
			id: 'C1',
			resident_name: '李*龙',
			resident_phone: '138****8000'
		});
		expect(maskResident({ id: 'C2', resident_name: null, resident_phone: null })).toEqual({
			id: 'C2',
			resident_name: null,
			resident_phone: null
		});
	});
});
