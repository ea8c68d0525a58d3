import path from 'node:path';
import { readCsvRows } from '../readers/csv.reader.ts';
import { detectFileFormat, readFileHead } from '../readers/file-format.ts';
import { InputError, type ReadLimits, type ReaderInfo, type SheetRow } from '../readers/sheet-row.ts';
import { readXlsxRows } from '../readers/xlsx.reader.ts';

/** Opens the right reader for a file judged by its content, never by its extension. */
export async function openRowSource(
	filePath: string,
	fileName: string,
	options: { limits: ReadLimits; sheetName?: string }
): Promise<{ rows: AsyncGenerator<SheetRow[]>; info: ReaderInfo }> {
	const head = await readFileHead(filePath);
	if (head.length === 0) throw new InputError(`${fileName} is empty.`, 'empty-file');
	const detected = detectFileFormat(head);
	if (detected.format === 'unsupported') {
		throw new InputError(`${fileName} cannot be read: ${detected.reason}.`, 'unsupported-format');
	}
	const info: ReaderInfo = { format: detected.format };
	const rows =
		detected.format === 'xlsx'
			? readXlsxRows(filePath, { limits: options.limits, info, sheetName: options.sheetName })
			: readCsvRows(filePath, { limits: options.limits, info });
	return { rows: renameErrors(rows, path.basename(filePath), fileName), info };
}

/** Readers name the file they were given (a temp copy); the user knows it by its uploaded name. */
async function* renameErrors(
	rows: AsyncGenerator<SheetRow[]>,
	storedName: string,
	fileName: string
): AsyncGenerator<SheetRow[]> {
	try {
		yield* rows;
	} catch (error) {
		if (error instanceof InputError && storedName !== fileName) {
			throw new InputError(error.message.replaceAll(storedName, fileName), error.code);
		}
		throw error;
	}
}
