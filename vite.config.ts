import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		// Under vitest the catalogue is compiled beforehand (`npm run check`); the plugin's watcher would keep vitest from exiting.
		...(process.env.VITEST
			? []
			: [
					paraglideVitePlugin({
						project: './project.inlang',
						outdir: './src/lib/paraglide',
						// The UI language is a reader's preference, not dashboard state: a cookie, else the browser's.
						strategy: ['cookie', 'preferredLanguage', 'baseLocale']
					})
				]),
		sveltekit()
	],
	ssr: {
		// Native bindings and CommonJS-heavy readers must stay external to the server bundle.
		external: ['@duckdb/node-api', 'exceljs', 'yauzl', 'papaparse']
	},
	test: {
		include: ['src/**/*.test.ts', 'pipelines/**/*.test.ts', 'scripts/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 60_000,
		pool: 'forks'
	}
});
