/** `npx tsx pipelines/demo/cli.ts --out DIR [--seed N] [--scale N]`: writes the demo files, prints the manifest. */
import { parseArgs } from 'node:util';
import { DEFAULT_DEMO_SEED, generateDemoData } from './generate-demo.ts';

const USAGE = 'usage: tsx pipelines/demo/cli.ts --out DIR [--seed N] [--scale N]';

function parseNumberOption(name: string, value: string | undefined, fallback: number): number {
	if (value === undefined) return fallback;
	const parsed = Number(value);
	if (value.trim() === '' || !Number.isFinite(parsed))
		throw new Error(`--${name} must be a number, got "${value}"\n${USAGE}`);
	return parsed;
}

async function runCli(argv: string[]): Promise<void> {
	const { values } = parseArgs({
		args: argv,
		options: {
			out: { type: 'string' },
			seed: { type: 'string' },
			scale: { type: 'string' },
			help: { type: 'boolean' }
		}
	});
	if (values.help) {
		console.log(USAGE);
		return;
	}
	if (!values.out) throw new Error(`--out is required\n${USAGE}`);
	const seed = parseNumberOption('seed', values.seed, DEFAULT_DEMO_SEED);
	const scale = parseNumberOption('scale', values.scale, 1);
	const started = performance.now();
	const manifest = await generateDemoData({ outDir: values.out, seed, scale });
	console.log(JSON.stringify(manifest, null, '\t'));
	const seconds = ((performance.now() - started) / 1000).toFixed(1);
	console.error(`demo: ${manifest.files.length} files (seed ${seed}, scale ${scale}) in ${seconds} s`);
}

runCli(process.argv.slice(2)).catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
});
