/**
 * Throughput of the value normalisers on the hot path (1,000,000-row files, ~20 cells a row).
 * Run: npx tsx bench/normalisers.bench.ts [name filter]
 */
import type { CellValue } from '../pipelines/readers/sheet-row.ts';
import { parseBoolean } from '../pipelines/normalise/booleans.ts';
import { parseDate, parseDateTime } from '../pipelines/normalise/dates.ts';
import { createEnumParser } from '../pipelines/normalise/enums.ts';
import { parseInteger, parseMoney } from '../pipelines/normalise/numbers.ts';
import { normalisePhone } from '../pipelines/normalise/phone.ts';
import { normaliseText, normaliseUnitCode } from '../pipelines/normalise/text.ts';

const CELLS = 1_000_000;
const ROUNDS = 5;

function padTwoDigits(n: number): string {
	return n < 10 ? '0' + n : String(n);
}

/**
 * Text cells are cut out of one decoded buffer, as a CSV reader does, rather than built by template
 * literals: V8 would otherwise hand the normalisers rope strings no reader produces.
 */
function makeCells(make: (i: number) => CellValue): CellValue[] {
	const cells = Array.from({ length: CELLS }, (_, i) => make(i));
	if (typeof cells[0] !== 'string') return cells;
	const buffer = cells.join('\n');
	let start = 0;
	for (let i = 0; i < cells.length; i++) {
		const end = start + (cells[i] as string).length;
		cells[i] = buffer.slice(start, end);
		start = end + 1;
	}
	return cells;
}

// Distinct strings per row, as a reader would produce them, so nothing is shared between calls.
function makeCleanDateTime(i: number): string {
	return `2025-${padTwoDigits((i % 12) + 1)}-${padTwoDigits((i % 28) + 1)} ${padTwoDigits(i % 24)}:${padTwoDigits(i % 60)}:${padTwoDigits((i * 7) % 60)}`;
}

const parseChannel = createEnumParser('channel', {
	phone: ['来电', '电话'],
	visit: ['来访', '上门'],
	wechat: ['微信', 'WeChat'],
	app: ['APP', '小程序']
});
const channelSpellings = ['来电', '来访', '微信', 'WeChat', ' 电话 ', '上门', 'app'];

const benches: [name: string, makeInput: () => CellValue[], run: (v: CellValue) => unknown][] = [
	['parseDateTime  YYYY-MM-DD HH:MM:SS', () => makeCells(makeCleanDateTime), (v) => parseDateTime(v)],
	[
		'parseDateTime  2025/3/7 14:05',
		() => makeCells((i) => `2025/${(i % 12) + 1}/${(i % 28) + 1} 14:05`),
		(v) => parseDateTime(v)
	],
	[
		'parseDateTime  2025年3月7日 14点5分',
		() => makeCells((i) => `2025年${(i % 12) + 1}月${(i % 28) + 1}日 14点${i % 60}分`),
		(v) => parseDateTime(v)
	],
	[
		'parseDateTime  Excel serial',
		() => makeCells((i) => 45000 + (i % 1000) + (i % 86400) / 86400),
		(v) => parseDateTime(v)
	],
	[
		'parseDate      YYYY-MM-DD',
		() => makeCells((i) => makeCleanDateTime(i).slice(0, 10)),
		(v) => parseDate(v)
	],
	[
		'parseMoney     1234.50',
		() => makeCells((i) => `${i % 100000}.${padTwoDigits(i % 100)}`),
		(v) => parseMoney(v)
	],
	[
		'parseMoney     ¥1,234.50',
		() => makeCells((i) => `¥${1 + (i % 99)},${String(100 + (i % 900))}.50`),
		(v) => parseMoney(v)
	],
	['parseMoney     number', () => makeCells((i) => i / 7), (v) => parseMoney(v)],
	['parseInteger   123', () => makeCells((i) => String(i % 1000)), (v) => parseInteger(v)],
	[
		'enum parser    repeated labels',
		() => makeCells((i) => channelSpellings[i % channelSpellings.length]),
		parseChannel
	],
	['parseBoolean   是/否', () => makeCells((i) => (i % 2 === 0 ? '是' : '否')), (v) => parseBoolean(v)],
	['normaliseText  text', () => makeCells((i) => `张三${i % 1000}`), (v) => normaliseText(v)],
	['normaliseUnitCode A-1201', () => makeCells((i) => `A-${i % 3000}`), (v) => normaliseUnitCode(v)],
	['normaliseUnitCode a-1201', () => makeCells((i) => `a-${i % 3000}`), (v) => normaliseUnitCode(v)],
	['normalisePhone 13800138000', () => makeCells((i) => String(13800000000 + i)), (v) => normalisePhone(v)]
];

let sink = 0;

function measureOnce(cells: CellValue[], run: (v: CellValue) => unknown): number {
	const start = process.hrtime.bigint();
	for (let i = 0; i < cells.length; i++) {
		// Touching the result keeps the call from being optimised away.
		if (run(cells[i]) === undefined) sink++;
	}
	return Number(process.hrtime.bigint() - start) / cells.length;
}

console.log(
	`ns per call, best of ${ROUNDS} rounds over ${CELLS.toLocaleString('en')} cells (Node ${process.version})`
);
const filter = process.argv[2] ?? '';
for (const [name, makeInput, run] of benches) {
	if (!name.includes(filter)) continue;
	const cells = makeInput();
	const times: number[] = [];
	for (let round = 0; round < ROUNDS; round++) times.push(measureOnce(cells, run));
	times.sort((a, b) => a - b);
	console.log(
		`${name.padEnd(40)} best ${times[0].toFixed(1).padStart(6)}  median ${times[2].toFixed(1).padStart(6)}`
	);
}
if (sink > 0) console.log('unexpected undefined results:', sink);
