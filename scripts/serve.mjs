// Starts the built server (`npm start`, `npm run serve`, the end-to-end tests) with two adapter-node
// settings chosen on purpose; each can still be set in the environment.
import http from 'node:http';
import process from 'node:process';

// adapter-node refuses bodies over BODY_SIZE_LIMIT (default 512 KB) before any route sees them. The import
// API counts upload bytes as they stream in and refuses past its own, configurable limit
// (COURTYARD_WEB_MAX_FILE_MB plus 1 MB for the form fields), so that is the one limit that applies.
process.env.BODY_SIZE_LIMIT ??= 'Infinity';
// Without ORIGIN, adapter-node takes every request to be https unless a protocol header says otherwise, and
// SvelteKit's CSRF check then refuses uploads sent to this plain-http server under any address (localhost,
// 127.0.0.1, the machine's LAN name). So the protocol comes from X-Forwarded-Proto: a TLS proxy in front
// sets it; a direct connection is marked http below. Setting ORIGIN still overrides all of this.
process.env.PROTOCOL_HEADER ??= 'x-forwarded-proto';

const { handler } = await import('../build/handler.js');
const host = process.env.HOST ?? '0.0.0.0';
const port = Number(process.env.PORT ?? 3000);

const server = http.createServer((request, response) => {
	request.headers['x-forwarded-proto'] ??= 'http';
	handler(request, response, () => {
		response.statusCode = 404;
		response.end('Not found');
	});
});
server.listen(port, host, () => console.log(`Listening on http://${host}:${port}`));

function shutDown() {
	server.close(() => process.exit(0));
	server.closeAllConnections();
}
process.on('SIGTERM', shutDown);
process.on('SIGINT', shutDown);
