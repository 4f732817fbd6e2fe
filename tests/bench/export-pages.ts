/**
 * Pages to look at (not a test): the fixture agenda at about the size (50 cards, 11 actions,
 * a Turkish owner) written as DOCX and PDF, the DOCX rendered by LibreOffice, and every page of both
 * as a PNG at 60 dpi, for a person to look at with an image viewer.
 *
 *   node --import tsx tests/bench/export-pages.ts [out-dir]     (default /tmp/wijktafel-pages)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { exportAgenda } from '../../src/lib/server/export/index.ts';
import { stopExportWorker } from '../../src/lib/server/export/write-off-thread.ts';
import { docName } from '../../src/lib/sync/doc-names.ts';
import { addAction } from '../../src/lib/sync/actions-schema.ts';
import { buildExportFixture } from '../unit/server/export/fixture.ts';
import { renderDocxWithLibreOffice } from '../unit/server/export/read-back.ts';

const out = path.resolve(process.argv[2] ?? '/tmp/wijktafel-pages');
fs.mkdirSync(out, { recursive: true });
const fixture = buildExportFixture({ extraCards: 43, extraActions: 9 });
try {
	fixture.context.liveDocs.change(docName('agenda', fixture.agendaId), (doc) => {
		addAction(doc, { title: 'Taalcafé in Heugemerveld', themeId: 'cultuur', list: 'extra', owner: 'Şükrü ve Ayşe çalışıyor', createdBy: 'staffuser0000001' });
	});
	for (const format of ['docx', 'pdf'] as const) {
		const file = (await exportAgenda(fixture.context, fixture.agendaId, { format, locale: 'nl' }))!;
		fs.writeFileSync(path.join(out, `agenda.${format}`), file.bytes);
		if (format === 'docx') {
			const rendered = renderDocxWithLibreOffice(file.bytes);
			if (rendered) fs.writeFileSync(path.join(out, 'agenda-docx-libreoffice.pdf'), rendered);
			else console.log('LibreOffice (soffice) is not installed: the DOCX is not rendered');
		}
	}
	for (const [pdf, prefix] of [
		['agenda.pdf', 'pdf'],
		['agenda-docx-libreoffice.pdf', 'docx']
	] as const) {
		if (fs.existsSync(path.join(out, pdf))) execFileSync('pdftoppm', ['-r', '60', '-png', path.join(out, pdf), path.join(out, prefix)]);
	}
	console.log(`${out}: ${fs.readdirSync(out).filter((f) => f.endsWith('.png')).length} page pictures`);
} finally {
	await stopExportWorker();
	fixture.close();
}
