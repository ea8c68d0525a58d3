/**
 * The bulk CSV path converts the common, canonical spellings of each field type in SQL; every other
 * spelling returns NULL here and the row goes to the JavaScript normalisers, which stay the authority
 * (tests check that both give the same value wherever the SQL fast path answers).
 */

/**
 * True when the text has nothing String.prototype.trim would remove at either end (its WhiteSpace and
 * LineTerminator set: ASCII whitespace, VT, BOM and the Unicode space separators).
 */
export function sqlIsTrimmed(raw: string): string {
	return `NOT regexp_matches(${raw}, '^[\\s\\x{0B}\\x{FEFF}\\p{Z}]|[\\s\\x{0B}\\x{FEFF}\\p{Z}]$')`;
}

export function sqlString(value: string): string {
	return `'${value.replaceAll("'", "''")}'`;
}

export const fastTextSql = (raw: string) => `CASE WHEN ${sqlIsTrimmed(raw)} THEN ${raw} END`;

/** Printable ASCII other than lower-case letters, and CJK ideographs: what normaliseUnitCode leaves as is. */
export const fastUnitCodeSql = (raw: string) =>
	`CASE WHEN regexp_full_match(${raw}, '[\\x{21}-\\x{60}\\x{7B}-\\x{7E}\\x{4E00}-\\x{9FFF}]+') THEN ${raw} END`;

export const fastPhoneSql = (raw: string) =>
	`CASE WHEN regexp_full_match(${raw}, '[0-9]{3,20}') THEN ${raw} END`;

const dateShape = `((19|20)[0-9]{2}-[0-9]{1,2}-[0-9]{1,2}|(19|20)[0-9]{2}/[0-9]{1,2}/[0-9]{1,2})`;
const dateTimeFormats = `['%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M', '%Y-%m-%d', '%Y/%m/%d']`;

export const fastDateTimeSql = (raw: string) =>
	`CASE WHEN regexp_full_match(${raw}, '${dateShape}( [0-9]{2}:[0-9]{2}(:[0-9]{2})?)?')
		THEN try_strptime(${raw}, ${dateTimeFormats}) END`;

export const fastDateSql = (raw: string) => `(${fastDateTimeSql(raw)})::DATE`;

export const fastMonthSql = (raw: string) =>
	`CASE WHEN regexp_full_match(${raw}, '(19|20)[0-9]{2}-[0-9]{1,2}') THEN try_strptime(${raw} || '-01', '%Y-%m-%d')::DATE
		WHEN regexp_full_match(${raw}, '${dateShape}') THEN date_trunc('month', try_strptime(${raw}, ['%Y-%m-%d', '%Y/%m/%d']))::DATE END`;

export const fastMoneySql = (raw: string) =>
	`CASE WHEN regexp_full_match(${raw}, '-?[0-9]{1,12}(\\.[0-9]{1,2})?') THEN try_cast(${raw} AS DECIMAL(14,2)) END`;

export function fastIntegerSql(min?: number, max?: number) {
	return (raw: string) => {
		const range = [
			min !== undefined ? `try_cast(${raw} AS BIGINT) >= ${min}` : null,
			max !== undefined ? `try_cast(${raw} AS BIGINT) <= ${max}` : null
		]
			.filter(Boolean)
			.join(' AND ');
		return `CASE WHEN regexp_full_match(${raw}, '-?[0-9]{1,9}')${range ? ` AND ${range}` : ''} THEN try_cast(${raw} AS INTEGER) END`;
	};
}

export function fastNumberSql(min?: number, max?: number) {
	return (raw: string) => {
		const value = `try_cast(${raw} AS DOUBLE)`;
		const range = [
			min !== undefined ? `${value} >= ${min}` : null,
			max !== undefined ? `${value} <= ${max}` : null
		]
			.filter(Boolean)
			.join(' AND ');
		return `CASE WHEN regexp_full_match(${raw}, '-?[0-9]{1,12}(\\.[0-9]{1,6})?')${range ? ` AND ${range}` : ''}
			THEN try_cast(${raw} AS DECIMAL(12,2)) END`;
	};
}

const trueWords = ['是', 'Y', 'y', 'yes', 'Yes', 'YES', 'true', 'TRUE', 'True', '1'];
const falseWords = ['否', 'N', 'n', 'no', 'No', 'NO', 'false', 'FALSE', 'False', '0'];

export const fastBooleanSql = (raw: string) =>
	`CASE WHEN ${raw} IN (${trueWords.map(sqlString).join(', ')}) THEN true
		WHEN ${raw} IN (${falseWords.map(sqlString).join(', ')}) THEN false END`;

/** Exact labels only (as listed, and the code itself); anything else goes to the JavaScript matcher. */
export function fastEnumSql(labels: Record<string, readonly string[]>) {
	const pairs: [string, string][] = [];
	const seen = new Set<string>();
	for (const [code, list] of Object.entries(labels)) {
		for (const label of [code, ...list]) {
			if (seen.has(label)) continue;
			seen.add(label);
			pairs.push([label, code]);
		}
	}
	return (raw: string) =>
		`CASE ${raw} ${pairs.map(([label, code]) => `WHEN ${sqlString(label)} THEN ${sqlString(code)}`).join(' ')} END`;
}
