/** Creates a workshop through the staff page, like a facilitator would, and reads the links off the page. */
import type { TestServer } from './server.ts';
import { formPost, staffCookie } from './staff.ts';

export interface CreatedWorkshop {
	workshopId: string;
	joinCode: string;
	projectorToken: string;
}

export async function createWorkshopAsStaff(server: TestServer, staffToken: string, stadsdeel = 'zuid', title = 'Testavond'): Promise<CreatedWorkshop> {
	const response = await formPost(server, '/staff?/createWorkshop', { stadsdeel, title }, { cookie: staffCookie(staffToken) });
	const html = await response.text();
	const projector = /\/projector\/([a-z0-9]+)\?token=([a-z0-9]+)/.exec(html);
	const join = /\/join\/([A-Z0-9]{6})/.exec(html);
	if (response.status !== 200 || !projector || !join) throw new Error(`workshop not created: ${response.status}`);
	return { workshopId: projector[1], projectorToken: projector[2], joinCode: join[1] };
}
