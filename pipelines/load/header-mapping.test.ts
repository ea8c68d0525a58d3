import { describe, expect, it } from 'vitest';
import { InputError, type SheetRow } from '../readers/sheet-row.ts';
import { createOverrideChooser, detectHeader, indexQuestionTexts } from './header-mapping.ts';

function rowOf(cells: string[], rowNumber = 1): SheetRow {
	return { rowNumber, cells } as SheetRow;
}

const complaintHeader = [
	'投诉编号',
	'受理时间',
	'片区',
	'楼栋',
	'房号',
	'投诉类别',
	'投诉级别',
	'是否有效',
	'是否转办',
	'状态'
];

describe('detectHeader', () => {
	it('reads a complaint register as complaints', () => {
		expect(detectHeader([rowOf(complaintHeader)], 'a.csv').kind).toBe('complaints');
	});

	it('reports a complaint register with one odd header as complaints missing that column, not as units', () => {
		const odd = complaintHeader.map((cell) => (cell === '投诉类别' ? '问题归类' : cell));
		const attempt = () => detectHeader([rowOf(odd)], 'odd.csv');
		expect(attempt).toThrow(InputError);
		expect(attempt).toThrow(/odd\.csv: looks like complaints .* required columns are missing: category/);
	});

	it('still reads a plain unit register as units', () => {
		expect(detectHeader([rowOf(['片区', '楼栋', '房号', '建筑面积'])], 'units.csv').kind).toBe('units');
	});
});

describe('createOverrideChooser', () => {
	it('offers a mapping that makes columns questions to surveys only', () => {
		const choose = createOverrideChooser(
			{ 'Satisfaction with repairs': 'question:Q3', 片区: 'area' },
			undefined
		)!;
		const row = rowOf(['问卷编号', '片区', 'Satisfaction with repairs']);
		expect(choose('surveys', row)).toBeDefined();
		expect(choose('complaints', row)).toBeUndefined();
		const mapping = detectHeader([row], 's.csv', undefined, choose);
		expect(mapping.kind).toBe('surveys');
		expect(mapping.columns[2]).toEqual({
			index: 2,
			header: 'Satisfaction with repairs',
			role: 'question',
			code: 'Q3',
			text: 'Satisfaction with repairs'
		});
	});
});

describe('question texts', () => {
	const known = indexQuestionTexts([
		{ code: 'Q7', textZh: '报修维修', textEn: 'Satisfaction with repairs' },
		{ code: 'Q3', textZh: null, textEn: 'Satisfaction with repairs' },
		{ code: 'Q1', textZh: '总体满意度', textEn: null }
	]);

	it('indexes texts as headers are matched, the first (latest) question keeping a text', () => {
		expect([...known]).toEqual([
			['报修维修', 'Q7'],
			['satisfactionwithrepairs', 'Q7'],
			['总体满意度', 'Q1']
		]);
	});

	it('makes an uncoded survey column the known question, which it is not without the index', () => {
		const row = rowOf(['问卷编号', '片区', 'Satisfaction with repairs', '总体满意度（%）', 'Q2 客户服务']);
		const mapping = detectHeader([row], 's.csv', undefined, undefined, known);
		expect(mapping.kind).toBe('surveys');
		expect(mapping.columns.slice(2)).toEqual([
			{
				index: 2,
				header: 'Satisfaction with repairs',
				role: 'question',
				code: 'Q7',
				text: 'Satisfaction with repairs'
			},
			{ index: 3, header: '总体满意度（%）', role: 'question', code: 'Q1', text: '总体满意度（%）' },
			{ index: 4, header: 'Q2 客户服务', role: 'question', code: 'Q2', text: '客户服务' }
		]);
		expect(detectHeader([row], 's.csv', 'surveys').unknownHeaders).toEqual([
			'Satisfaction with repairs',
			'总体满意度（%）'
		]);
	});
});
