/**
 * Servers and y-websocket clients that live for one test: whatever a test starts through these is
 * stopped after it, also when it fails, so no socket or process leaks into the next test.
 */
import { afterEach } from 'vitest';
import { connectClient, type TestClient } from './yclient.ts';
import { startTestServer, type TestServer } from './server.ts';

/** Call at the top of a test file; registers one `afterEach` that stops clients, then servers, then the rest. */
export function cleanedUpAfterEach() {
	const clients: TestClient[] = [];
	const servers: TestServer[] = [];
	const cleanups: (() => void | Promise<void>)[] = [];

	afterEach(async () => {
		for (const c of clients.splice(0)) c.destroy();
		for (const s of servers.splice(0)) await s.kill();
		for (const cleanup of cleanups.splice(0)) await cleanup();
	});

	return {
		async server(options?: Parameters<typeof startTestServer>[0]): Promise<TestServer> {
			const started = await startTestServer(options);
			servers.push(started);
			return started;
		},
		client(...args: Parameters<typeof connectClient>): TestClient {
			const c = connectClient(...args);
			clients.push(c);
			return c;
		},
		/** For anything else a test sets up by hand (a server in this process, an open database). */
		defer(cleanup: () => void | Promise<void>): void {
			cleanups.push(cleanup);
		}
	};
}
