/**
 * Reads a ZIP file (a DOCX is one) for tests: the central directory lists every entry with its
 * compression method and where its data is; entries are stored (0) or deflated (8), which
 * node:zlib's inflateRaw undoes. No ZIP64, no encryption: what `docx` writes needs neither.
 */
import { inflateRawSync } from 'node:zlib';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;

export interface ZipEntry {
	name: string;
	method: number;
	compressedSize: number;
	size: number;
	localHeaderOffset: number;
}

function findEndOfCentralDirectory(zip: Buffer): number {
	// The record is 22 bytes plus a comment of at most 65535 bytes, at the very end.
	for (let offset = zip.length - 22; offset >= Math.max(0, zip.length - 22 - 0xffff); offset--) {
		if (zip.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) return offset;
	}
	throw new Error('not a zip file: no end of central directory record');
}

export function listZipEntries(bytes: Uint8Array): ZipEntry[] {
	const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const end = findEndOfCentralDirectory(zip);
	const count = zip.readUInt16LE(end + 10);
	let offset = zip.readUInt32LE(end + 16);
	const entries: ZipEntry[] = [];
	for (let i = 0; i < count; i++) {
		if (zip.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY) throw new Error(`bad central directory entry ${i}`);
		const method = zip.readUInt16LE(offset + 10);
		const compressedSize = zip.readUInt32LE(offset + 20);
		const size = zip.readUInt32LE(offset + 24);
		const nameLength = zip.readUInt16LE(offset + 28);
		const extraLength = zip.readUInt16LE(offset + 30);
		const commentLength = zip.readUInt16LE(offset + 32);
		const localHeaderOffset = zip.readUInt32LE(offset + 42);
		const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
		entries.push({ name, method, compressedSize, size, localHeaderOffset });
		offset += 46 + nameLength + extraLength + commentLength;
	}
	return entries;
}

export function readZipEntry(bytes: Uint8Array, entry: ZipEntry): Buffer {
	const zip = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const at = entry.localHeaderOffset;
	if (zip.readUInt32LE(at) !== LOCAL_FILE_HEADER) throw new Error(`bad local header for ${entry.name}`);
	// The local header's own name and extra lengths may differ from the central directory's.
	const dataStart = at + 30 + zip.readUInt16LE(at + 26) + zip.readUInt16LE(at + 28);
	const data = zip.subarray(dataStart, dataStart + entry.compressedSize);
	if (entry.method === 0) return Buffer.from(data);
	if (entry.method === 8) return inflateRawSync(data);
	throw new Error(`unsupported compression method ${entry.method} for ${entry.name}`);
}

/** Every entry, unpacked, by name. */
export function unzip(bytes: Uint8Array): Map<string, Buffer> {
	return new Map(listZipEntries(bytes).map((entry) => [entry.name, readZipEntry(bytes, entry)]));
}
