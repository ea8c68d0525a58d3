import { describe, expect, it } from 'vitest';
import { buildExportFile, exportLimits } from './export-request.ts';

const table = {
	name: '投诉/明细',
	columns: [{ key: 'area', label: '区域' }],
	rows: [{ area: '=1+1' }]
};

describe('buildExportFile', () => {
	it('builds a CSV with a sanitised, UTF-8 encoded attachment name', async () => {
		const file = await buildExportFile({ format: 'csv', table });
		if (!file.ok) throw new Error(file.message);
		expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(file.body)).toBe("\uFEFF区域\r\n'=1+1\r\n");
		expect(file.contentDisposition).toBe(
			`attachment; filename="_____.csv"; filename*=UTF-8''${encodeURIComponent('投诉_明细.csv')}`
		);
	});

	it('builds an XLSX (a zip file)', async () => {
		const file = await buildExportFile({ format: 'xlsx', table });
		if (!file.ok) throw new Error(file.message);
		expect([...file.body.slice(0, 2)]).toEqual([0x50, 0x4b]);
	});

	it('refuses bad bodies with 400 and too many rows with 413', async () => {
		expect(await buildExportFile({ format: 'pdf', table })).toMatchObject({ ok: false, status: 400 });
		expect(await buildExportFile({ format: 'csv', table: { ...table, columns: [] } })).toMatchObject({
			ok: false,
			status: 400
		});
		const rows = Array.from({ length: exportLimits.maxRows + 1 }, () => ({ area: 'x' }));
		expect(await buildExportFile({ format: 'csv', table: { ...table, rows } })).toMatchObject({
			ok: false,
			status: 413
		});
	});
});
