// Starts the built server for Playwright on a fresh database holding the demo data.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const dir = path.resolve('test-results', 'e2e-db');
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
// The component showcase (/dev/components) is served for its end-to-end test only.
const env = {
	...process.env,
	COURTYARD_DB: path.join(dir, 'courtyard.duckdb'),
	COURTYARD_COMPONENT_DEMO: '1'
};
execFileSync(process.execPath, ['--import', 'tsx', 'pipelines/cli/prepare-database.ts'], {
	env,
	stdio: 'inherit'
});
const serverEnv = {
	...env,
	// A 2 MB web limit (room for a zip bomb test file) lets the import API's oversize tests stay small; the
	// demo load above used the CLI's limits.
	COURTYARD_WEB_MAX_FILE_MB: '2'
};
// The same start script as `npm start` (body limit and protocol settings included).
const server = spawn(process.execPath, ['scripts/serve.mjs'], { env: serverEnv, stdio: 'inherit' });
const stop = () => server.kill('SIGTERM');
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
server.on('exit', (code) => process.exit(code ?? 0));
