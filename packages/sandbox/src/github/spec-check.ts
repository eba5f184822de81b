// Requests checked against GitHub's OpenAPI description (@octokit/openapi's api.github.com.json, 13 MB).
// The file is read and parsed once per process, on the first checked request; only the operations the
// simulator serves are kept (with the component schemas they reference) and compiled, each on first use.
// GitHub answers a request that does not match with 422 "Invalid request." and one line per problem.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';

type Schema = Record<string, unknown>;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface RawOperation {
  operationId?: string;
  externalDocs?: { url?: string };
  parameters?: Array<Parameter | { $ref: string }>;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
}

interface RawDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components: { schemas: Record<string, Schema>; parameters: Record<string, Parameter> };
}

/** One served operation, self-contained: parameters resolved, body schema with its definitions. */
export interface SpecOperation {
  operationId: string;
  documentationUrl: string;
  parameters: Parameter[];
  body?: { required: boolean; schema?: Schema };
}

export interface SpecRequest {
  method: string;
  /** The route template, e.g. `/repos/{owner}/{repo}/actions/secrets/{secret_name}`. */
  template: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** undefined when the request had no body. */
  body: unknown;
}

export interface SpecProblem {
  documentationUrl: string;
  /** One line per problem, as GitHub words them. */
  problems: string[];
}

const require = createRequire(import.meta.url);
let documentParses = 0;
let operations: Map<string, SpecOperation> | undefined;
const validators = new Map<string, ValidateFunction>();
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, verbose: true });

/** How many times this process has parsed the OpenAPI file (for the cost test: at most 1). */
export function openApiParseCount(): number {
  return documentParses;
}

/** The served operations, extracted from the description on first call. Keys are `METHOD template`. */
export function specOperations(
  served: ReadonlyArray<{ method: string; pattern: string }>,
): Map<string, SpecOperation> {
  if (operations) return operations;
  const file = require.resolve('@octokit/openapi/generated/api.github.com.json');
  const document = JSON.parse(readFileSync(file, 'utf8')) as RawDocument;
  documentParses++;
  const extracted = new Map<string, SpecOperation>();
  for (const { method, pattern } of served) {
    const raw = document.paths[pattern]?.[method.toLowerCase()];
    if (!raw) continue;
    const parameters = (raw.parameters ?? []).map((parameter) =>
      '$ref' in parameter ? resolveParameter(document, parameter.$ref) : parameter,
    );
    const bodySchema = raw.requestBody?.content?.['application/json']?.schema;
    extracted.set(`${method} ${pattern}`, {
      operationId: raw.operationId ?? `${method} ${pattern}`,
      documentationUrl: raw.externalDocs?.url ?? 'https://docs.github.com/rest',
      parameters: parameters.map((parameter) => ({
        ...parameter,
        ...(parameter.schema ? { schema: selfContained(document, parameter.schema) } : {}),
      })),
      ...(raw.requestBody
        ? {
            body: {
              required: raw.requestBody.required === true,
              ...(bodySchema ? { schema: selfContained(document, bodySchema) } : {}),
            },
          }
        : {}),
    });
  }
  operations = extracted;
  return extracted;
}

/** What does not match, or undefined when the request matches (or the operation is not described). */
export function checkRequest(operation: SpecOperation, request: SpecRequest): SpecProblem | undefined {
  const problems: string[] = [];
  for (const parameter of operation.parameters) {
    if (parameter.in !== 'path' && parameter.in !== 'query') continue;
    const values =
      parameter.in === 'path'
        ? request.params[parameter.name] === undefined
          ? []
          : [request.params[parameter.name] as string]
        : request.query.getAll(parameter.name);
    if (values.length === 0) {
      if (parameter.required) problems.push(`"${parameter.name}" wasn't supplied.`);
      continue;
    }
    for (const text of values) {
      const schema = parameter.schema ?? {};
      const value = coerce(schema.type, text);
      const key = `${request.method} ${request.template} ${parameter.in}:${parameter.name}`;
      const validate = compile(key, schema);
      if (value === undefined || !validate(value))
        problems.push(
          `For '${parameter.name}', ${JSON.stringify(text)} is not a valid ${describeType(schema)}.`,
        );
    }
  }
  const body = operation.body;
  if (body && request.body === undefined) {
    if (body.required) problems.push('A request body is required.');
  } else if (body?.schema && request.body !== undefined) {
    const validate = compile(`${request.method} ${request.template} body`, body.schema);
    if (!validate(request.body)) problems.push(...describeErrors(validate.errors ?? []));
  }
  return problems.length > 0 ? { documentationUrl: operation.documentationUrl, problems } : undefined;
}

function compile(key: string, schema: Schema): ValidateFunction {
  let validate = validators.get(key);
  if (!validate) {
    validate = ajv.compile(schema);
    validators.set(key, validate);
  }
  return validate;
}

function resolveParameter(document: RawDocument, ref: string): Parameter {
  const name = ref.replace('#/components/parameters/', '');
  const parameter = document.components.parameters[name];
  if (!parameter) throw new Error(`OpenAPI: unresolved parameter ${ref}`);
  return parameter;
}

/**
 * A copy of `schema` whose `#/components/schemas/X` refs point at `#/definitions/X`, with every schema it
 * reaches (transitively) under `definitions`, and OpenAPI 3.0 `nullable` turned into JSON Schema.
 */
function selfContained(document: RawDocument, schema: Schema): Schema {
  const definitions: Record<string, Schema> = {};
  const pending: string[] = [];
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (typeof node !== 'object' || node === null) return node;
    const record = node as Schema;
    const copy: Schema = {};
    for (const [key, value] of Object.entries(record)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
        const name = value.slice('#/components/schemas/'.length);
        if (!(name in definitions) && !pending.includes(name)) pending.push(name);
        copy.$ref = `#/definitions/${name}`;
      } else if (key === 'example' || key === 'examples' || key === 'description') {
        // Documentation only; dropping it keeps the compiled schemas small.
      } else copy[key] = rewrite(value);
    }
    return nullableToJsonSchema(copy);
  };
  const root = rewrite(schema) as Schema;
  for (let name = pending.shift(); name !== undefined; name = pending.shift()) {
    const target = document.components.schemas[name];
    if (!target) throw new Error(`OpenAPI: unresolved schema ${name}`);
    definitions[name] = {};
    definitions[name] = rewrite(target) as Schema;
  }
  return Object.keys(definitions).length > 0 ? { ...root, definitions } : root;
}

/** `nullable: true` without a `type` (next to `$ref`, `allOf`, …) is not something ajv takes. */
function nullableToJsonSchema(schema: Schema): Schema {
  if (schema.nullable !== true || typeof schema.type === 'string') return schema;
  const { nullable: _nullable, ...rest } = schema;
  return { anyOf: [rest, { type: 'null' }] };
}

/** Query and path values arrive as text. */
function coerce(type: unknown, text: string): unknown {
  if (type === 'integer') return /^-?\d+$/.test(text) ? Number(text) : undefined;
  if (type === 'number')
    return text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : undefined;
  if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : undefined;
  return text;
}

function describeType(schema: Schema): string {
  if (Array.isArray(schema.enum)) return `member of ${JSON.stringify(schema.enum)}`;
  return typeof schema.type === 'string' ? schema.type : 'value';
}

/**
 * GitHub's wording, e.g. `"key_id" wasn't supplied.`, `"foo" is not a permitted key.`,
 * `For 'properties/state', "done" is not a member of [...]`. String values are not echoed except for
 * enums: a body may hold a secret (a plaintext sent where a sealed box belongs).
 */
function describeErrors(errors: ErrorObject[]): string[] {
  const lines: string[] = [];
  for (const error of errors) {
    const at = `properties${error.instancePath}`.replace(/\/$/, '');
    let line: string;
    if (error.keyword === 'required')
      line = `"${(error.params as { missingProperty: string }).missingProperty}" wasn't supplied.`;
    else if (error.keyword === 'additionalProperties')
      line = `"${(error.params as { additionalProperty: string }).additionalProperty}" is not a permitted key.`;
    else if (error.keyword === 'enum')
      line = `For '${at}', ${safeValue(error.data, true)} is not a member of ${JSON.stringify((error.params as { allowedValues: unknown[] }).allowedValues)}.`;
    else if (error.keyword === 'type')
      line = `For '${at}', ${safeValue(error.data, false)} is not ${article((error.params as { type: string }).type)}.`;
    else if (error.keyword === 'pattern')
      line = `For '${at}', the value does not match /${(error.params as { pattern: string }).pattern}/.`;
    // anyOf/oneOf add a summary line after the branch errors; GitHub reports the branches only.
    else if (error.keyword === 'anyOf' || error.keyword === 'oneOf') continue;
    else line = `For '${at}', ${error.message ?? 'the value is invalid'}.`;
    if (!lines.includes(line)) lines.push(line);
  }
  return lines.length > 0 ? lines : ['The request body is invalid.'];
}

function safeValue(value: unknown, echoStrings: boolean): string {
  if (typeof value === 'string')
    return echoStrings && value.length <= 40 ? JSON.stringify(value) : 'the string';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return JSON.stringify(value);
  return Array.isArray(value) ? 'the array' : 'the object';
}

function article(type: string): string {
  const types = type.split(',').map((name) => `${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name}`);
  return types.join(' or ');
}
