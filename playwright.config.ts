import { defineConfig } from '@playwright/test';

const port = Number(process.env.E2E_PORT ?? 4173);

/** End-to-end tests drive the real built server in Debian's Chromium (browsers cannot be downloaded here). */
export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 60_000,
	// Loads and commits run through one write queue; on a busy 2-core machine 5 s is too tight for them.
	expect: { timeout: 15_000 },
	retries: 0,
	workers: 1,
	reporter: process.env.CI ? 'list' : 'list',
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		viewport: { width: 1280, height: 720 },
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update']
		}
	},
	webServer: {
		// A database of its own, with the demo data loaded through the real pipeline.
		command: `node scripts/start-e2e-server.mjs`,
		url: `http://127.0.0.1:${port}/health`,
		timeout: 300_000,
		reuseExistingServer: false,
		env: { PORT: String(port), HOST: '127.0.0.1' }
	}
});
