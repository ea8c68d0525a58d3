import { kindNames, type KindName } from '../kinds/kind-definition.ts';

export type IngestCommand =
	| { action: 'help' }
	| { action: 'list'; json: boolean }
	| { action: 'rollback'; batchId: number; json: boolean; user: string }
	| {
			action: 'ingest';
			files: string[];
			kind?: KindName;
			acceptPartial: boolean;
			json: boolean;
			wave?: string;
			sheet?: string;
			user: string;
	  };

export class UsageError extends Error {}

export const ingestUsage = `Usage:
  npm run ingest -- [--kind KIND] [--accept-partial] [--json] [--wave NAME] [--sheet NAME] FILE...
  npm run ingest -- --list [--json]
  npm run ingest -- --rollback BATCH_ID

KIND is one of: ${kindNames.join(', ')} (detected from the headers when omitted).
--accept-partial  load the valid rows of a file that has bad rows (otherwise such a file loads nothing)
--wave NAME       survey wave to attach responses to (default: the year of the responses' dates)
--sheet NAME      worksheet to read in an Excel workbook (default: the first visible sheet with data)
--json            print one JSON object per file
--user NAME       who is loading (default: the login name)

Exit codes: 0 every file loaded whole, 1 a file was rejected, failed or loaded partly, 2 usage error.
The database is COURTYARD_DB (default data/courtyard.duckdb).`;

/** Parses the CLI's arguments; anything unexpected is a usage error (exit 2). */
export function parseIngestArgs(argv: string[], defaultUser: string): IngestCommand {
	const files: string[] = [];
	let kind: KindName | undefined;
	let acceptPartial = false;
	let json = false;
	let list = false;
	let rollback: number | undefined;
	let wave: string | undefined;
	let sheet: string | undefined;
	let user = defaultUser;
	const takeValue = (i: number, flag: string) => {
		const value = argv[i + 1];
		if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value.`);
		return value;
	};
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		switch (arg) {
			case '--help':
			case '-h':
				return { action: 'help' };
			case '--kind': {
				const value = takeValue(i++, arg);
				if (!(kindNames as readonly string[]).includes(value))
					throw new UsageError(`Unknown kind "${value}"; use one of: ${kindNames.join(', ')}.`);
				kind = value as KindName;
				break;
			}
			case '--accept-partial':
				acceptPartial = true;
				break;
			case '--json':
				json = true;
				break;
			case '--list':
				list = true;
				break;
			case '--rollback': {
				const value = takeValue(i++, arg);
				if (!/^\d+$/.test(value))
					throw new UsageError(`--rollback needs a batch id (a number), not "${value}".`);
				rollback = Number(value);
				break;
			}
			case '--wave':
				wave = takeValue(i++, arg);
				break;
			case '--sheet':
				sheet = takeValue(i++, arg);
				break;
			case '--user':
				user = takeValue(i++, arg);
				break;
			default:
				if (arg.startsWith('--')) throw new UsageError(`Unknown option ${arg}.`);
				files.push(arg);
		}
	}
	if (list) return { action: 'list', json };
	if (rollback !== undefined) return { action: 'rollback', batchId: rollback, json, user };
	if (files.length === 0) throw new UsageError('Name at least one file to load.');
	return { action: 'ingest', files, kind, acceptPartial, json, wave, sheet, user };
}
