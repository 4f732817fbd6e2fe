/**
 * A validator for the part of JSON Schema 2020-12 that static/schemas/agenda-export.v2.json uses
 * (no validator package is installed). It refuses keywords it does not know, so the schema cannot
 * start relying on one that this check would silently skip.
 */
type Schema = Record<string, unknown>;

const KNOWN_KEYWORDS = new Set([
	'$schema',
	'$id',
	'$defs',
	'$ref',
	'title',
	'description',
	'type',
	'const',
	'enum',
	'pattern',
	'minLength',
	'minimum',
	'maximum',
	'minItems',
	'maxItems',
	'items',
	'required',
	'properties',
	'additionalProperties',
	'format'
]);

function typeOf(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
	return typeof value;
}

function typeMatches(value: unknown, type: string): boolean {
	const actual = typeOf(value);
	return actual === type || (type === 'number' && actual === 'integer');
}

export function validate(root: Schema, instance: unknown): string[] {
	const errors: string[] = [];
	const resolve = (ref: string): Schema => {
		const match = /^#\/\$defs\/([\w-]+)$/.exec(ref);
		const defs = root.$defs as Record<string, Schema> | undefined;
		if (!match || !defs?.[match[1]]) throw new Error(`unsupported or unknown $ref ${ref}`);
		return defs[match[1]];
	};
	const check = (schema: Schema, value: unknown, path: string): void => {
		for (const keyword of Object.keys(schema)) if (!KNOWN_KEYWORDS.has(keyword)) throw new Error(`keyword ${keyword} at ${path} is not supported by this validator`);
		if (typeof schema.$ref === 'string') check(resolve(schema.$ref), value, path);
		if (schema.type !== undefined) {
			const types = Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];
			if (!types.some((type) => typeMatches(value, type))) {
				errors.push(`${path}: expected ${types.join(' or ')}, got ${typeOf(value)}`);
				return;
			}
		}
		if ('const' in schema && JSON.stringify(schema.const) !== JSON.stringify(value)) errors.push(`${path}: must be ${JSON.stringify(schema.const)}`);
		if (Array.isArray(schema.enum) && !schema.enum.some((option) => JSON.stringify(option) === JSON.stringify(value))) {
			errors.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
		}
		if (typeof value === 'string') {
			if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) errors.push(`${path}: "${value}" does not match ${schema.pattern}`);
			if (typeof schema.minLength === 'number' && [...value].length < schema.minLength) errors.push(`${path}: shorter than ${schema.minLength}`);
		}
		if (typeof value === 'number') {
			if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${path}: below ${schema.minimum}`);
			if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${path}: above ${schema.maximum}`);
		}
		if (Array.isArray(value)) {
			if (typeof schema.minItems === 'number' && value.length < schema.minItems) errors.push(`${path}: fewer than ${schema.minItems} items`);
			if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) errors.push(`${path}: more than ${schema.maxItems} items`);
			if (schema.items && typeof schema.items === 'object') value.forEach((item, i) => check(schema.items as Schema, item, `${path}[${i}]`));
		}
		if (typeOf(value) === 'object') {
			const object = value as Record<string, unknown>;
			const properties = (schema.properties ?? {}) as Record<string, Schema>;
			for (const name of (schema.required ?? []) as string[]) if (!(name in object)) errors.push(`${path}: missing ${name}`);
			for (const [name, item] of Object.entries(object)) {
				if (properties[name]) check(properties[name], item, `${path}.${name}`);
				else if (schema.additionalProperties === false) errors.push(`${path}: unexpected property ${name}`);
			}
		}
	};
	check(root, instance, '$');
	return errors;
}
