/**
 * Throughput of the CSV reader on generated 1,000,000-row files (~175 bytes and 20 columns a row), in
 * UTF-8 and GB18030, with and without quoted fields. Each file is read on the main thread with default
 * V8 flags and in a worker with the 96 MB young generation the parse worker uses (run-parse-worker.ts).
 * Not part of the tests. Run: npx tsx bench/csv-reader.bench.ts [rows] [runs]
 */
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { readCsvRows } from '../pipelines/readers/csv.reader.ts';
import type { ReaderInfo } from '../pipelines/readers/sheet-row.ts';

const HEADER = [
	'工单编号',
	'投诉时间',
	'片区',
	'楼栋',
	'房号',
	'业主姓名',
	'联系电话',
	'类型',
	'分类',
	'内容',
	'满意度',
	'响应分',
	'处理分',
	'状态',
	'完成时间',
	'处理人',
	'回访结果',
	'备注',
	'渠道',
	'来源'
];
const AREAS = ['华东一区', '华南二区', '西北片区', '中央公园'];
const TOPICS = ['电梯故障', '噪音扰民', '停车管理', '绿化维护', '保洁服务'];
const NAMES = ['张三', '李四', '王五', '赵六'];

interface Measurement {
	rows: number;
	seconds: number;
	encoding?: string;
}

function createRow(index: number, quoted: boolean): string {
	const pad = (value: number, width: number) => String(value).padStart(width, '0');
	const topic = TOPICS[index % TOPICS.length];
	// Excel quotes only the fields that need it; here one row in four.
	const content = quoted && index % 4 === 0 ? `"${topic}, 已报修 ""紧急"""` : `${topic}已报修`;
	return [
		`WO${pad(index, 8)}`,
		`2024-03-${pad((index % 28) + 1, 2)} 10:${pad(index % 60, 2)}:00`,
		AREAS[index % AREAS.length],
		`${(index % 30) + 1}号楼`,
		String(1000 + (index % 3000)),
		NAMES[index % NAMES.length],
		`138${pad(index, 8)}`,
		'投诉',
		'物业服务',
		content,
		String(index % 5),
		String((index + 1) % 5),
		String((index + 2) % 5),
		'已完成',
		'2024-03-29',
		NAMES[(index + 1) % NAMES.length],
		'满意',
		'ok',
		'app',
		'wechat'
	].join(',');
}

/** Node has no GB18030 encoder; invert the decoder over all two-byte sequences (enough for Chinese). */
function createGb18030Encoder(): (text: string) => Buffer {
	const decoder = new TextDecoder('gb18030');
	const table = new Map<string, number>();
	for (let lead = 0x81; lead <= 0xfe; lead++) {
		for (let trail = 0x40; trail <= 0xfe; trail++) {
			const char = trail === 0x7f ? '' : decoder.decode(Uint8Array.of(lead, trail));
			if (char.length === 1 && char !== '\ufffd' && !table.has(char)) table.set(char, (lead << 8) | trail);
		}
	}
	return (text) => {
		const bytes = Buffer.allocUnsafe(text.length * 2);
		let length = 0;
		for (let index = 0; index < text.length; index++) {
			const code = text.charCodeAt(index);
			if (code < 0x80) {
				bytes[length++] = code;
				continue;
			}
			const pair = table.get(text[index]);
			if (pair === undefined) throw new Error(`no two-byte GB18030 code for ${text[index]}`);
			bytes[length++] = pair >> 8;
			bytes[length++] = pair & 0xff;
		}
		return bytes.subarray(0, length);
	};
}

async function writeFixture(
	filePath: string,
	rows: number,
	encode: (text: string) => Buffer,
	quoted: boolean
) {
	const out = createWriteStream(filePath);
	out.write(encode(HEADER.join(',') + '\r\n'));
	const block: string[] = [];
	for (let index = 1; index <= rows; index++) {
		block.push(createRow(index, quoted));
		if (block.length === 10_000 || index === rows) {
			if (!out.write(encode(block.join('\r\n') + '\r\n'))) await once(out, 'drain');
			block.length = 0;
		}
	}
	out.end();
	await once(out, 'finish');
}

async function measureRead(filePath: string): Promise<Measurement> {
	const info: ReaderInfo = { format: 'csv' };
	const limits = { maxRows: 50_000_000, maxColumns: 500, maxZipEntries: 0, maxUncompressedBytes: 0 };
	const started = performance.now();
	let rows = 0;
	let cells = 0;
	for await (const batch of readCsvRows(filePath, { limits, info })) {
		rows += batch.length;
		for (const row of batch) cells += row.cells.length;
	}
	if (cells !== rows * HEADER.length) throw new Error(`expected ${HEADER.length} cells a row`);
	return { rows, seconds: (performance.now() - started) / 1000, encoding: info.encoding };
}

async function measureInWorker(filePath: string): Promise<Measurement> {
	// Workers do not inherit tsx's loader, so the worker loads this file through tsx's API.
	const tsxApi = JSON.stringify(import.meta.resolve('tsx/esm/api'));
	const self = JSON.stringify(import.meta.url);
	const worker = new Worker(`import(${tsxApi}).then((tsx) => tsx.tsImport(${self}, ${self}))`, {
		eval: true,
		workerData: filePath,
		resourceLimits: { maxYoungGenerationSizeMb: 96 }
	});
	const [result] = (await once(worker, 'message')) as [Measurement];
	await worker.terminate();
	return result;
}

function describeRuns(label: string, runs: Measurement[], megabytes: number): string {
	const rates = runs.map((run) => run.rows / run.seconds).sort((a, b) => b - a);
	const format = (rate: number) => Math.round(rate).toLocaleString('en-US');
	const median = rates[Math.floor(rates.length / 2)];
	const best = runs.reduce((fastest, run) => (run.seconds < fastest.seconds ? run : fastest));
	return (
		`  ${label.padEnd(30)} best ${format(rates[0])} rows/s (${best.seconds.toFixed(2)} s, ` +
		`${(megabytes / best.seconds).toFixed(0)} MB/s), median ${format(median)} rows/s`
	);
}

async function runBench() {
	const rows = Number(process.argv[2] ?? 1_000_000);
	const runCount = Number(process.argv[3] ?? 3);
	const dir = mkdtempSync(path.join(os.tmpdir(), 'courtyard-bench-'));
	const encodeUtf8 = (text: string) => Buffer.from(text, 'utf8');
	const encodeGb18030 = createGb18030Encoder();
	const fixtures: [string, (text: string) => Buffer, boolean][] = [
		['utf-8, unquoted', encodeUtf8, false],
		['utf-8, 1 row in 4 quoted', encodeUtf8, true],
		['gb18030, unquoted', encodeGb18030, false],
		['gb18030, 1 row in 4 quoted', encodeGb18030, true]
	];
	// The load average is printed because timings on a shared machine swing with it.
	const load = os.loadavg()[0].toFixed(1);
	console.log(`CSV reader, ${rows.toLocaleString('en-US')} rows, ${runCount} runs each, load ${load}`);
	try {
		for (const [label, encode, quoted] of fixtures) {
			const filePath = path.join(dir, `${label.replace(/\W+/g, '-')}.csv`);
			await writeFixture(filePath, rows, encode, quoted);
			const megabytes = statSync(filePath).size / 1024 / 1024;
			console.log(`${label}: ${megabytes.toFixed(0)} MB`);
			const mainRuns: Measurement[] = [];
			const workerRuns: Measurement[] = [];
			for (let run = 0; run < runCount; run++) {
				mainRuns.push(await measureRead(filePath));
				workerRuns.push(await measureInWorker(filePath));
			}
			const encoding = label.split(',')[0];
			if (mainRuns.some((run) => run.encoding !== encoding)) throw new Error(`expected ${encoding}`);
			console.log(describeRuns('main thread, default flags', mainRuns, megabytes));
			console.log(describeRuns('worker, 96 MB young generation', workerRuns, megabytes));
			rmSync(filePath);
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

if (isMainThread) await runBench();
else parentPort!.postMessage(await measureRead(workerData as string));
