// The subset of JSON Schema draft-07 that schemas/kuma-helm-values.schema.json uses, so the tests can
// validate values files without an ajv dependency. Unknown keywords are ignored, as draft-07 says.

export interface SchemaNode {
  type?: string | string[];
  enum?: unknown[];
  pattern?: string;
  minLength?: number;
  minItems?: number;
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  propertyNames?: SchemaNode;
  [keyword: string]: unknown;
}

export interface SchemaError {
  /** Dotted path of the offending value (`controlPlane.tls.general.caBundle`). */
  path: string;
  message: string;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(actual: string, allowed: string | string[]): boolean {
  const list = Array.isArray(allowed) ? allowed : [allowed];
  return list.includes(actual) || (actual === 'integer' && list.includes('number'));
}

/** A local `$ref` (`#/properties/controlPlane`), the only kind the schema uses. */
function resolveRef(root: SchemaNode, ref: string): SchemaNode {
  let node: unknown = root;
  for (const part of ref.replace(/^#\//, '').split('/')) node = (node as Record<string, unknown>)?.[part];
  if (!node) throw new Error(`unresolved $ref ${ref}`);
  return node as SchemaNode;
}

export function validate(schema: SchemaNode, value: unknown, path = '', root: SchemaNode = schema): SchemaError[] {
  if (typeof schema.$ref === 'string') return validate(resolveRef(root, schema.$ref), value, path, root);
  const errors: SchemaError[] = [];
  const here = path || '(root)';
  const actual = typeOf(value);
  if (schema.type !== undefined && !typeMatches(actual, schema.type)) {
    return [{ path: here, message: `expected ${String(schema.type)}, got ${actual}` }];
  }
  if (schema.enum !== undefined && !schema.enum.some((allowed) => allowed === value)) {
    errors.push({ path: here, message: `not one of ${JSON.stringify(schema.enum)}` });
  }
  if (typeof value === 'string') {
    if (schema.pattern !== undefined && !new RegExp(schema.pattern, 'u').test(value)) {
      errors.push({ path: here, message: `does not match ${schema.pattern}` });
    }
    if (schema.minLength !== undefined && value.length < schema.minLength) {
      errors.push({ path: here, message: `shorter than ${schema.minLength}` });
    }
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      errors.push({ path: here, message: `fewer than ${schema.minItems} items` });
    }
    if (schema.items !== undefined) {
      const items = schema.items;
      value.forEach((item, i) => errors.push(...validate(items, item, `${path}[${i}]`, root)));
    }
  }
  if (actual === 'object') {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const childPath = path ? `${path}.${key}` : key;
      if (schema.propertyNames !== undefined) errors.push(...validate(schema.propertyNames, key, childPath, root));
      const declared = schema.properties?.[key];
      if (declared !== undefined) {
        errors.push(...validate(declared, child, childPath, root));
      } else if (schema.additionalProperties === false) {
        errors.push({ path: childPath, message: 'unknown key' });
      } else if (typeof schema.additionalProperties === 'object') {
        errors.push(...validate(schema.additionalProperties, child, childPath, root));
      }
    }
  }
  return errors;
}
