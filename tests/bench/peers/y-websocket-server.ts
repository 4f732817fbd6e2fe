/**
 * Peer (b): the stock y-websocket server, @y/websocket-server's `setupWSConnection` on a plain
 * `ws` server, wired the way its own bin/server.js does it. Nothing is tuned: no persistence
 * (YPERSISTENCE unset, its default), gc on (its default). The only difference from its bin is the
 * bind address and port, which come from HOST/PORT and default to 127.0.0.1:0 here, and the
 * LISTENING line the bench waits for.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

const host = process.env.HOST || '127.0.0.1';
const port = Number(process.env.PORT || 0);

const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);

const server = http.createServer((_request, response) => {
	response.writeHead(200, { 'Content-Type': 'text/plain' });
	response.end('okay');
});
server.on('upgrade', (request, socket, head) => {
	wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
});
server.listen(port, host, () => {
	const address = server.address() as AddressInfo;
	process.stdout.write(`LISTENING http://${host}:${address.port}\n`);
});

// Its bin has no signal handling; exit promptly so the bench can reuse the port range.
for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => process.exit(0));
