import { describe, expect, it } from 'vitest';
import { buildCsv, neutraliseFormula, sanitiseFileName, type ExportTable } from './table-export.ts';

const table: ExportTable = {
	name: '投诉明细',
	columns: [
		{ key: 'area', label: '区域 Area', format: 'text' },
		{ key: 'count', label: 'Count', format: 'integer' },
		{ key: 'rate', label: 'Rate', format: 'percent' }
	],
	rows: [
		{ area: '翠湖花园', count: 12, rate: 0.25 },
		{ area: 'a, "b"\nc', count: -3, rate: null }
	],
	totals: { area: '合计', count: 9, rate: 0.5 }
};

describe('neutraliseFormula', () => {
	it.each(['=1+1', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx'])('prefixes %j with a quote', (text) => {
		expect(neutraliseFormula(text)).toBe(`'${text}`);
	});

	it('keeps numbers, negative ones included, and ordinary text', () => {
		expect(neutraliseFormula(-2)).toBe(-2);
		expect(neutraliseFormula(3.5)).toBe(3.5);
		expect(neutraliseFormula(null)).toBe(null);
		expect(neutraliseFormula('翠湖花园 =1')).toBe('翠湖花园 =1');
		expect(neutraliseFormula('')).toBe('');
	});
});

describe('buildCsv', () => {
	const csv = buildCsv(table);

	it('starts with a UTF-8 BOM and ends every line with CRLF', () => {
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(csv.endsWith('\r\n')).toBe(true);
		expect(csv.slice(1).split('\r\n')[0]).toBe('区域 Area,Count,Rate');
	});

	it('quotes commas, quotes and newlines (RFC 4180) and writes numbers as numbers', () => {
		expect(csv).toBe('\uFEFF区域 Area,Count,Rate\r\n翠湖花园,12,0.25\r\n"a, ""b""\nc",-3,\r\n合计,9,0.5\r\n');
	});

	it('neutralises formula-looking text, but not negative numbers', () => {
		const risky = buildCsv({
			name: 'x',
			columns: [
				{ key: 'text', label: 'Text' },
				{ key: 'n', label: 'N', format: 'integer' }
			],
			rows: ['=1+1', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx'].map((text) => ({ text, n: -2 }))
		});
		expect(risky.slice(1).split('\r\n').slice(1, -1)).toEqual([
			"'=1+1,-2",
			"'+1,-2",
			"'-2+3,-2",
			"'@SUM(A1),-2",
			"'\tx,-2",
			`"'\rx",-2`
		]);
	});
});

describe('sanitiseFileName', () => {
	it('drops path separators and reserved characters, keeps Chinese', () => {
		expect(sanitiseFileName('../../etc/passwd')).toBe('_.._etc_passwd');
		expect(sanitiseFileName('投诉: 2026/10')).toBe('投诉_ 2026_10');
		expect(sanitiseFileName('  ..  ')).toBe('export');
	});
});
