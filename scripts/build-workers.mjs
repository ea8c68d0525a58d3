// Bundles the parse worker for the built server: SvelteKit's chunks do not keep it next to its caller.
import { build } from 'esbuild';

await build({
	entryPoints: ['pipelines/load/parse-worker.ts'],
	outfile: 'build/workers/parse-worker.mjs',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	packages: 'external',
	logLevel: 'warning'
});
