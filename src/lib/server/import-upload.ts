/**
 * The text an admin import form sent (facilities, indicators): an uploaded file, or where the form
 * has one, a paste box. Reads nothing larger than the import allows, so the size rule is one rule.
 */

export type ImportUpload =
	| { ok: true; form: FormData; content: string; fileName: string | null }
	/** `form` is null when the body was no form at all. */
	| { ok: false; problem: 'no-file'; form: FormData | null }
	| { ok: false; problem: 'too-big'; form: FormData; fileName: string | null };

export async function readImportUpload(request: Request, options: { maxBytes: number; pasteField?: string }): Promise<ImportUpload> {
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		return { ok: false, problem: 'no-file', form: null };
	}
	const file = form.get('file');
	if (file instanceof File && file.size > 0) {
		if (file.size > options.maxBytes) return { ok: false, problem: 'too-big', form, fileName: file.name };
		return { ok: true, form, content: await file.text(), fileName: file.name };
	}
	// A file wins over pasted text: choosing a file is the more deliberate act.
	const pasted = options.pasteField === undefined ? null : form.get(options.pasteField);
	if (typeof pasted === 'string' && pasted.trim() !== '') {
		if (pasted.length > options.maxBytes) return { ok: false, problem: 'too-big', form, fileName: null };
		return { ok: true, form, content: pasted, fileName: null };
	}
	return { ok: false, problem: 'no-file', form };
}
