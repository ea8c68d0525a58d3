import { z } from 'zod';
import { parseDate, parseDateTime, parseMonth } from '../normalise/dates.ts';
import { parseBoolean } from '../normalise/booleans.ts';
import { parseInteger, parseMoney, parseNumber } from '../normalise/numbers.ts';
import { createEnumParser } from '../normalise/enums.ts';
import { normaliseText, normaliseUnitCode } from '../normalise/text.ts';
import { normalisePhone } from '../normalise/phone.ts';
import {
	fastBooleanSql,
	fastDateSql,
	fastDateTimeSql,
	fastEnumSql,
	fastIntegerSql,
	fastMoneySql,
	fastMonthSql,
	fastNumberSql,
	fastPhoneSql,
	fastTextSql,
	fastUnitCodeSql
} from './field-sql.ts';
import type { FieldSpec } from './kind-definition.ts';

/** Options every field builder takes. */
interface FieldOptions {
	aliases: readonly string[];
	requiredColumn?: boolean;
	requiredValue?: boolean;
	personal?: boolean;
	defaultValue?: FieldSpec['defaultValue'];
}

const isoDateTime = z.string().regex(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

function buildField(
	name: string,
	options: FieldOptions,
	spec: Pick<FieldSpec, 'sqlType' | 'parse' | 'schema' | 'fastSql' | 'valueType' | 'labels'>
): FieldSpec {
	return {
		name,
		aliases: options.aliases,
		requiredColumn: options.requiredColumn ?? false,
		requiredValue: options.requiredValue ?? options.requiredColumn ?? false,
		personal: options.personal,
		defaultValue: options.defaultValue,
		...spec
	};
}

export function textField(name: string, options: FieldOptions): FieldSpec {
	return buildField(name, options, {
		valueType: 'text',
		sqlType: 'VARCHAR',
		parse: normaliseText,
		schema: z.string(),
		fastSql: fastTextSql
	});
}

export function unitCodeField(name: string, options: FieldOptions): FieldSpec {
	return buildField(name, options, {
		valueType: 'unit',
		sqlType: 'VARCHAR',
		parse: normaliseUnitCode,
		schema: z.string(),
		fastSql: fastUnitCodeSql
	});
}

export function phoneField(name: string, options: FieldOptions): FieldSpec {
	return buildField(name, options, {
		valueType: 'phone',
		sqlType: 'VARCHAR',
		parse: normalisePhone,
		schema: z.string(),
		fastSql: fastPhoneSql
	});
}

export function dateTimeField(name: string, options: FieldOptions): FieldSpec {
	return buildField(name, options, {
		valueType: 'datetime',
		sqlType: 'TIMESTAMP',
		parse: (v, ctx) => parseDateTime(v, { date1904: ctx.date1904 }),
		schema: isoDateTime,
		fastSql: fastDateTimeSql
	});
}

export function dateField(name: string, options: FieldOptions): FieldSpec {
	return buildField(name, options, {
		valueType: 'date',
		sqlType: 'DATE',
		parse: (v, ctx) => parseDate(v, { date1904: ctx.date1904 }),
		schema: isoDate,
		fastSql: fastDateSql
	});
}

export function monthField(name: string, options: FieldOptions): FieldSpec {
	return buildField(name, options, {
		valueType: 'month',
		sqlType: 'DATE',
		parse: (v, ctx) => parseMonth(v, { date1904: ctx.date1904 }),
		schema: isoDate,
		fastSql: fastMonthSql
	});
}

export function moneyField(name: string, options: FieldOptions): FieldSpec {
	return buildField(name, options, {
		valueType: 'money',
		sqlType: 'DECIMAL(14,2)',
		parse: parseMoney,
		schema: z.number(),
		fastSql: fastMoneySql
	});
}

export function integerField(
	name: string,
	options: FieldOptions & { min?: number; max?: number }
): FieldSpec {
	const range = { min: options.min, max: options.max };
	return buildField(name, options, {
		valueType: 'integer',
		sqlType: 'INTEGER',
		parse: (v) => parseInteger(v, range),
		schema: z.number().int(),
		fastSql: fastIntegerSql(options.min, options.max)
	});
}

export function numberField(name: string, options: FieldOptions & { min?: number; max?: number }): FieldSpec {
	const range = { min: options.min, max: options.max };
	return buildField(name, options, {
		valueType: 'number',
		sqlType: 'DECIMAL(12,2)',
		parse: (v) => parseNumber(v, range),
		schema: z.number(),
		fastSql: fastNumberSql(options.min, options.max)
	});
}

export function booleanField(name: string, options: FieldOptions): FieldSpec {
	return buildField(name, options, {
		valueType: 'boolean',
		sqlType: 'BOOLEAN',
		parse: parseBoolean,
		schema: z.boolean(),
		fastSql: fastBooleanSql
	});
}

/** An enumeration stored by its English code, recognised by any of its Chinese or English labels. */
export function enumField<C extends string>(
	name: string,
	options: FieldOptions & { labels: Record<C, readonly string[]> }
): FieldSpec {
	const codes = Object.keys(options.labels) as [C, ...C[]];
	return buildField(name, options, {
		valueType: 'enum',
		labels: options.labels,
		sqlType: 'VARCHAR',
		parse: createEnumParser(name, options.labels),
		schema: z.enum(codes),
		fastSql: fastEnumSql(options.labels)
	});
}
