import type { KindName } from '../kinds/kind-definition.ts';
import type { SheetRow } from '../readers/sheet-row.ts';
import {
	createOverrideChooser,
	headerSearchRows,
	indexQuestionTexts,
	rankKindCandidates,
	type HeaderMapping,
	type KnownQuestion
} from './header-mapping.ts';
import type { IngestLimits } from './limits.ts';
import { openRowSource } from './row-source.ts';

/**
 * The kinds a file's first rows could be, read with the same reader and header matching as a load:
 * only the rows a header may sit in are read, so this is cheap even for a large file.
 */
export async function readKindCandidates(
	request: {
		filePath: string;
		fileName: string;
		kind?: KindName;
		sheetName?: string;
		mapping?: Record<string, string>;
		limits: IngestLimits;
	},
	rememberedMappings: Record<string, Record<string, string>> | undefined,
	knownQuestions?: KnownQuestion[]
): Promise<HeaderMapping[]> {
	const { rows } = await openRowSource(request.filePath, request.fileName, {
		limits: request.limits,
		sheetName: request.sheetName
	});
	const head: SheetRow[] = [];
	for await (const chunk of rows) {
		head.push(...chunk);
		if (head.length >= headerSearchRows) break;
	}
	const ranked = rankKindCandidates(
		head,
		createOverrideChooser(request.mapping, rememberedMappings),
		indexQuestionTexts(knownQuestions)
	);
	return request.kind ? ranked.filter((m) => m.kind === request.kind) : ranked;
}
