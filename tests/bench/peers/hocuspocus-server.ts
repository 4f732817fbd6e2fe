/**
 * Peer (c): @hocuspocus/server 3 with @hocuspocus/extension-sqlite, database file from DB_FILE.
 * Every Hocuspocus setting is its default (debounce 2 s, maxDebounce 10 s, unloadImmediately,
 * gc on, 30 s ping timeout).
 *
 * One deviation in how it is started, not in what it does: `Server.listen()` passes its `address`
 * option to Node as `{ address }`, which Node ignores, so it would listen on every interface. The
 * bench must keep all traffic on 127.0.0.1, so this launcher calls `listen` on the Server's own
 * HTTP server with an explicit host and then does what `Server.listen()` does besides: run the
 * onListen hooks and stop on signals via `Server.destroy()` (which stores and unloads documents).
 */
import type { AddressInfo } from 'node:net';
import { Server, type Extension } from '@hocuspocus/server';
import { SQLite } from '@hocuspocus/extension-sqlite';

const host = process.env.HOST || '127.0.0.1';
const port = Number(process.env.PORT || 0);
const databaseFile = process.env.DB_FILE;
if (!databaseFile) {
	process.stderr.write('DB_FILE is required\n');
	process.exit(1);
}

// npm gave @hocuspocus/extension-database its own nested copy of @hocuspocus/server's types
// (3.4.3 vs 3.4.4): the hook signatures are the same, but TypeScript sees two distinct classes.
const sqliteExtension = new SQLite({ database: databaseFile });
const server = new Server({ quiet: true, extensions: [sqliteExtension as unknown as Extension] });

/**
 * The extension opens the database and creates its table without waiting (onConfigure fires
 * `db.run(schema)` and returns), so a client that connects the moment the port is open can be
 * refused with "permission-denied" (its fetch hits "no such table"). Announce readiness only once
 * the table exists, as any deployment would before taking traffic.
 */
async function tableReady(): Promise<void> {
	for (let attempt = 0; attempt < 200; attempt++) {
		const found = await new Promise<boolean>((resolve) =>
			sqliteExtension.db?.get("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'documents'", (error, row) => resolve(!error && row !== undefined)) ??
			resolve(false)
		);
		if (found) return;
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
	throw new Error('the documents table did not appear within 5 s');
}

let stopping = false;
const stop = async () => {
	if (stopping) return;
	stopping = true;
	await server.destroy();
	process.exit(0);
};
for (const signal of ['SIGTERM', 'SIGINT', 'SIGQUIT'] as const) process.on(signal, () => void stop());

server.httpServer.listen(port, host, async () => {
	const address = server.httpServer.address() as AddressInfo;
	await server.hocuspocus.hooks('onListen', { instance: server.hocuspocus, configuration: server.configuration, port: address.port });
	await tableReady();
	process.stdout.write(`LISTENING http://${host}:${address.port}\n`);
});
