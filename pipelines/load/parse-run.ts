import type { DuckDBConnection } from '@duckdb/node-api';
import type { KindName } from '../kinds/kind-definition.ts';
import { RawPartLoader } from './bulk-csv.ts';
import { describeSurveyBatch } from './commit-batch.ts';
import type { RememberedAnswerMappings } from './column-mappings.ts';
import type { KnownQuestion } from './header-mapping.ts';
import type { IngestLimits } from './limits.ts';
import { parseFile, type ParseRequest, type ParseResult } from './parse-file.ts';
import { parseFileInWorker } from './run-parse-worker.ts';
import { stageParsedFile, type StagedBatch } from './stage-batch.ts';

/** What loading and previewing a file both ask of the parse. */
export interface ParseRunRequest {
	filePath: string;
	fileName: string;
	kind?: KindName;
	sheetName?: string;
	mapping?: Record<string, string>;
	rememberedMappings?: Record<string, Record<string, string>>;
	answerLabels?: Record<string, string>;
	questionScales?: Record<string, string>;
	rememberedAnswerMappings?: RememberedAnswerMappings;
	knownQuestions?: KnownQuestion[];
	limits: IngestLimits;
	parseMode?: 'scan' | 'full';
	inWorker?: boolean;
	onProgress?: (rowsRead: number, bytesRead?: number) => void;
}

/**
 * A parse under way on the caller's connection: `parsing` settles with the result or the error (so the
 * caller can hash the file meanwhile), `stage` then puts its valid rows in the connection's stage.
 */
export interface ParseRun {
	parsing: Promise<{ parsed: ParseResult | null; error: unknown }>;
	stage(parsed: ParseResult): Promise<StagedBatch>;
	/** Waits for the workbook parts still being loaded; call before closing the connection. */
	settle(): Promise<unknown>;
}

/** Starts parsing a file (in a worker unless told otherwise), the one way ingest and preview read files. */
export function startParseRun(
	connection: DuckDBConnection,
	request: ParseRunRequest,
	workDir: string
): ParseRun {
	const partLoader = new RawPartLoader(connection);
	const parseRequest: ParseRequest = {
		filePath: request.filePath,
		fileName: request.fileName,
		kind: request.kind,
		sheetName: request.sheetName,
		workDir,
		limits: request.limits,
		mapping: request.mapping,
		rememberedMappings: request.mapping ? undefined : request.rememberedMappings,
		mode: request.parseMode ?? 'scan',
		answerLabels: request.answerLabels,
		questionScales: request.questionScales,
		rememberedAnswerMappings: request.mapping ? undefined : request.rememberedAnswerMappings,
		knownQuestions: request.knownQuestions
	};
	const onPart = (partPath: string, width: number) => partLoader.add(partPath, width);
	const runParse = (mode: ParseRequest['mode']) =>
		request.inWorker === false
			? parseFile({ ...parseRequest, mode }, request.onProgress, onPart)
			: parseFileInWorker(
					{ ...parseRequest, mode },
					{ timeoutMs: request.limits.workerTimeoutMs, memoryMb: request.limits.workerMemoryMb },
					request.onProgress,
					onPart
				);
	const parsing = runParse(parseRequest.mode).then(
		(parsed) => ({ parsed, error: null }),
		(error: unknown) => ({ parsed: null, error })
	);
	return {
		parsing,
		async stage(parsed) {
			if (parsed.survey) return describeSurveyBatch(parsed);
			return stageParsedFile(connection, parsed, {
				filePath: request.filePath,
				workDir,
				reparse: () => runParse('full'),
				preloaded: await partLoader.settle()
			});
		},
		settle: () => partLoader.settle()
	};
}
