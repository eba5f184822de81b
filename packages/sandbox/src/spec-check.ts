// Requests checked against Fly's OpenAPI 3.0 description (spec/fly-machines-openapi.yaml): path and query
// parameters and JSON bodies, where the spec has the endpoint. The spec predates fly-go; `amendments`
// lists what fly-go sends that the spec lacks, so the checks accept what flyctl really sends.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';

type Schema = Record<string, unknown>;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
}

interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export interface SpecRequest {
  method: string;
  /** The API path without `/v1`, e.g. `/apps/shop/machines/0123456789abcd/wait`. */
  path: string;
  query: URLSearchParams;
  /** undefined when the request had no body. */
  body: unknown;
}

const specPath = fileURLToPath(new URL('../spec/fly-machines-openapi.yaml', import.meta.url));

export class SpecChecker {
  private readonly document: OpenApiDocument;
  private readonly ajv: Ajv;
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly templates: Array<{ regex: RegExp; template: string }>;

  constructor() {
    this.document = parse(readFileSync(specPath, 'utf8')) as OpenApiDocument;
    amend(this.document);
    // Go's JSON decoder takes null for any field, so the server does too.
    for (const schema of Object.values(this.document.components.schemas)) allowNull(schema);
    this.ajv = new Ajv({ strict: false, allErrors: true });
    this.ajv.addSchema({ $id: 'fly', components: this.document.components });
    this.templates = Object.keys(this.document.paths).map((template) => ({
      template,
      regex: new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`),
    }));
  }

  /** A description of what does not match, or undefined when the request matches (or is not in the spec). */
  check(request: SpecRequest): string | undefined {
    const template = this.templates.find((candidate) => candidate.regex.test(request.path))?.template;
    const operation = template ? this.document.paths[template]?.[request.method.toLowerCase()] : undefined;
    if (!template || !operation) return undefined;
    const problems: string[] = [];
    for (const parameter of operation.parameters ?? []) {
      if (parameter.in !== 'query') continue;
      const values = request.query.getAll(parameter.name);
      if (values.length === 0) {
        if (parameter.required) problems.push(`query parameter ${parameter.name} is required`);
        continue;
      }
      for (const value of values) {
        const problem = this.checkValue(`query:${template}:${parameter.name}`, parameter.schema ?? {}, value);
        if (problem) problems.push(`query parameter ${parameter.name}=${JSON.stringify(value)} ${problem}`);
      }
    }
    const bodySpec = operation.requestBody;
    const schema = bodySpec?.content?.['application/json']?.schema;
    if (bodySpec && request.body === undefined) {
      if (bodySpec.required) problems.push('a JSON request body is required');
    } else if (schema && request.body !== undefined) {
      const validate = this.compile(`body:${template}:${request.method}`, rewriteRefs(schema));
      if (!validate(request.body)) {
        for (const error of validate.errors ?? []) {
          problems.push(`body${error.instancePath.replaceAll('/', '.')} ${error.message ?? 'is invalid'}`);
        }
      }
    }
    return problems.length > 0 ? problems.join('; ') : undefined;
  }

  private checkValue(key: string, schema: Schema, text: string): string | undefined {
    const value = coerce(schema.type, text);
    if (value === undefined) return `must be ${schema.type}`;
    const validate = this.compile(key, rewriteRefs(schema));
    if (validate(value)) return undefined;
    return validate.errors?.map((error) => error.message).join(', ') ?? 'is invalid';
  }

  private compile(key: string, schema: Schema): ValidateFunction {
    let validate = this.validators.get(key);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.validators.set(key, validate);
    }
    return validate;
  }
}

/** Query values arrive as text; Go parses booleans with strconv.ParseBool and integers as base 10. */
function coerce(type: unknown, text: string): unknown {
  if (type === 'boolean') {
    if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
    if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
    return undefined;
  }
  if (type === 'integer') return /^-?\d+$/.test(text) ? Number(text) : undefined;
  if (type === 'number')
    return Number.isFinite(Number(text)) && text.trim() !== '' ? Number(text) : undefined;
  return text;
}

/** `#/components/...` refs point into the `fly` schema that holds the components. */
function rewriteRefs(schema: Schema): Schema {
  return JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"fly#/components/')) as Schema;
}

function allowNull(schema: unknown): void {
  if (typeof schema !== 'object' || schema === null) return;
  const record = schema as Schema;
  if (typeof record.type === 'string') record.nullable = true;
  for (const value of Object.values(record)) allowNull(value);
}

function amend(document: OpenApiDocument): void {
  const paths = document.paths;
  const query = (name: string, type: string): Parameter => ({ name, in: 'query', schema: { type } });
  const machine = '/apps/{app_name}/machines/{machine_id}';
  // fly-go acquires and refreshes leases with ?ttl= and no body.
  const leasePost = paths[`${machine}/lease`]?.post;
  if (leasePost?.requestBody) leasePost.requestBody.required = false;
  leasePost?.parameters?.push(query('ttl', 'integer'));
  // fly-go waits with `version` and `from_event_id`, and on more states than the spec lists.
  const wait = paths[`${machine}/wait`]?.get;
  wait?.parameters?.push(query('version', 'string'), query('from_event_id', 'string'));
  const state = wait?.parameters?.find((parameter) => parameter.name === 'state');
  if (state?.schema) state.schema.enum = ['started', 'stopped', 'suspended', 'destroyed', 'settled'];
  // fly-go destroys with ?kill=, Fly's docs say ?force=.
  paths[machine]?.delete?.parameters?.push(query('kill', 'boolean'), query('force', 'boolean'));
  paths[`${machine}/restart`]?.post?.parameters?.push(
    query('force_stop', 'boolean'),
    query('signal', 'string'),
  );
  const schemas = document.components.schemas;
  // Fly accepts "off" | "stop" | "suspend" as well as booleans for autostop.
  const service = schemas['api.MachineService']?.properties as Record<string, Schema> | undefined;
  if (service) service.autostop = { anyOf: [{ type: 'boolean' }, { type: 'string' }] };
  // fly-go names the new app `name`; the spec only knows `app_name`.
  const createApp = schemas.CreateAppRequest?.properties as Record<string, Schema> | undefined;
  if (createApp) createApp.name = { type: 'string' };
  // fly-go serialises the lease TTL, skip_secrets and min_secrets_version on create and update.
  for (const name of ['CreateMachineRequest', 'UpdateMachineRequest']) {
    const properties = schemas[name]?.properties as Record<string, Schema> | undefined;
    if (properties) {
      properties.skip_secrets = { type: 'boolean' };
      properties.min_secrets_version = { type: 'integer' };
    }
  }
}
