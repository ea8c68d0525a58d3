// Starts the TypeScript worker when running from source (tests, the CLI via tsx); the built server uses the bundle.
import { tsImport } from 'tsx/esm/api';

await tsImport('./parse-worker.ts', import.meta.url);
