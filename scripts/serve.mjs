// Starts the built server (`npm start`, `npm run serve`) with two adapter-node settings chosen on purpose;
// either can still be set in the environment.
import process from 'node:process';

// adapter-node refuses bodies over BODY_SIZE_LIMIT (default 512 KB) before any route sees them. The import
// API counts upload bytes as they stream in and refuses past its own, configurable limit
// (COURTYARD_WEB_MAX_FILE_MB plus 1 MB for the form fields), so that is the one limit that applies.
process.env.BODY_SIZE_LIMIT ??= 'Infinity';
// Without ORIGIN adapter-node takes every request to be https, and SvelteKit's CSRF check then refuses
// form POSTs (uploads) sent to a plain-http server. Behind a proxy, set ORIGIN to the public address.
process.env.ORIGIN ??= `http://localhost:${process.env.PORT ?? 3000}`;

await import('../build/index.js');
