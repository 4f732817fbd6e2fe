import { describe, expect, test } from 'vitest';
import { PreloadQueue, type PreloadTask } from '../../src/lib/preload-queue.ts';

/** A task that stays on its way until the test lets it finish (or fail). */
function heldTask(name: string, log: string[]) {
	let finish: () => void = () => undefined;
	let fail: () => void = () => undefined;
	const task: PreloadTask = () =>
		new Promise<void>((resolve, reject) => {
			log.push(name);
			finish = resolve;
			fail = () => reject(new Error(`${name} failed`));
		});
	return { task, finish: () => finish(), fail: () => fail() };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('PreloadQueue', () => {
	test('runs tasks in the order added, never more at once than its concurrency', async () => {
		const started: string[] = [];
		const tasks = ['a', 'b', 'c', 'd', 'e'].map((name) => heldTask(name, started));
		const queue = new PreloadQueue(2);
		queue.add(...tasks.map((t) => t.task));
		expect(started).toEqual(['a', 'b']);
		expect(queue.running).toBe(2);
		expect(queue.waiting).toBe(3);

		tasks[1].finish();
		await settle();
		expect(started).toEqual(['a', 'b', 'c']);
		tasks[0].finish();
		tasks[2].finish();
		await settle();
		expect(started).toEqual(['a', 'b', 'c', 'd', 'e']);
		expect(queue.running).toBe(2);
		tasks[3].finish();
		tasks[4].finish();
		await settle();
		expect(queue.running).toBe(0);
		expect(queue.waiting).toBe(0);
	});

	test('paused, it starts nothing new, lets what runs finish, and goes on when resumed', async () => {
		const started: string[] = [];
		const tasks = ['a', 'b', 'c'].map((name) => heldTask(name, started));
		const queue = new PreloadQueue(1);
		queue.add(...tasks.map((t) => t.task));
		queue.pause();
		tasks[0].finish();
		await settle();
		expect(started).toEqual(['a']);
		expect(queue.running).toBe(0);
		expect(queue.waiting).toBe(2);

		queue.resume();
		expect(started).toEqual(['a', 'b']);
	});

	test('a failing task, or one that throws before it starts, is dropped and the queue goes on', async () => {
		const started: string[] = [];
		const failing = heldTask('fails', started);
		const after = heldTask('after', started);
		const queue = new PreloadQueue(1);
		queue.add(
			() => {
				throw new Error('no network');
			},
			failing.task,
			after.task
		);
		await settle();
		expect(started).toEqual(['fails']);
		failing.fail();
		await settle();
		expect(started).toEqual(['fails', 'after']);
	});

	test('a concurrency below one is refused', () => {
		expect(() => new PreloadQueue(0)).toThrow(RangeError);
		expect(() => new PreloadQueue(1.5)).toThrow(RangeError);
	});
});
