/**
 * `npm run cli -- facilities:import`: the exit code and message an admin sees, against a real data
 * directory (the CLI seeds the shipped areas on first use, as the server does).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeDataDir, runCli } from '../helpers/server.ts';
import { openDatabase } from '../../src/lib/server/db.ts';

let dataDir: string;

function facilityCount(): number {
	const db = openDatabase(dataDir);
	try {
		return (db.prepare('SELECT count(*) AS n FROM facilities').get() as { n: number }).n;
	} finally {
		db.close();
	}
}

function writeFile(name: string, content: string): string {
	const file = path.join(dataDir, name);
	fs.writeFileSync(file, content);
	return file;
}

beforeAll(() => {
	dataDir = makeDataDir('wijktafel-facility-cli-');
});

afterAll(() => {
	fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('facilities:import', () => {
	test('a file with one bad row: exit code 1, the row named on stderr, nothing written', async () => {
		const file = writeFile('bad.csv', 'name;category;lat;lon;address\nSportpark De Heeg;sport;50,8235;5,7225;\nZwembad;zwembad;50,82;5,71;\n');
		const result = await runCli(['facilities:import', '--file', file], { DATA_DIR: dataDir });
		expect(result.code).toBe(1);
		expect(result.stdout).toBe('');
		expect(result.stderr).toContain('nothing was imported; 1 problem(s)');
		expect(result.stderr).toContain('Line 3: The category "zwembad" is unknown');
		expect(facilityCount()).toBe(91);
	});

	test('a good file: exit code 0 and counts as JSON on stdout', async () => {
		const file = writeFile('good.csv', 'name;category;lat;lon;address\nSportpark De Heeg;sport;50,8235;5,7225;\nScouting Heugem;meeting_place;50,8250;5,7050;\n');
		const result = await runCli(['facilities:import', '--file', file], { DATA_DIR: dataDir });
		expect(result.stderr).toBe('');
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout)).toEqual({ file, added: 2, updated: 0, removed: 0, total: 93 });
	});

	test('--replace with GeoJSON removes earlier imports not in the file', async () => {
		const file = writeFile(
			'one.geojson',
			JSON.stringify({
				type: 'FeatureCollection',
				features: [{ type: 'Feature', id: 'heeg', properties: { name: 'Sportpark De Heeg', category: 'sport' }, geometry: { type: 'Point', coordinates: [5.7225, 50.8235] } }]
			})
		);
		const result = await runCli(['facilities:import', '--file', file, '--replace'], { DATA_DIR: dataDir });
		expect(result.code).toBe(0);
		expect(JSON.parse(result.stdout)).toMatchObject({ added: 1, removed: 2, total: 92 });
	});

	test('without --file, or with a missing file: exit code 1 and a plain message', async () => {
		const noFlag = await runCli(['facilities:import'], { DATA_DIR: dataDir });
		expect(noFlag.code).toBe(1);
		expect(noFlag.stderr).toContain('--file is required');
		expect(noFlag.stderr).toContain('usage: npm run cli -- facilities:import --file F [--replace]');
		const missing = await runCli(['facilities:import', '--file', path.join(dataDir, 'nope.csv')], { DATA_DIR: dataDir });
		expect(missing.code).toBe(1);
		expect(missing.stderr).toContain('cannot be read (ENOENT)');
	});
});
