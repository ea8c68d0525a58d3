// Child process for the kill-safety test: loads a file and announces when its transaction has begun.
import { openDatabase } from '../db/database.ts';
import { ingestFile } from './ingest-file.ts';

const [dbPath, filePath] = process.argv.slice(2);
const db = await openDatabase(dbPath);
await ingestFile(db, {
	filePath,
	uploadedBy: 'killer',
	source: 'cli',
	inWorker: false,
	onTransactionStart: () => process.stdout.write('TRANSACTION-STARTED\n')
});
process.stdout.write('LOAD-FINISHED\n');
db.close();
