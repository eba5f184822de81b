import { badRequest, notFound } from '../errors';
import { currentSecrets, type SecretRecord, type SimApp } from '../model';
import { type Route, route } from '../router';
import { type ApiDeps, isObject, queryFlag } from './deps';

const path = '/v1/apps/{app}/secrets';

function secretJson(name: string, record: SecretRecord, showValue: boolean) {
  return {
    name,
    digest: record.digest,
    ...(showValue ? { value: record.value } : {}),
    created_at: record.createdAt,
    updated_at: record.updatedAt,
  };
}

/** The secrets as of `?version=N` (404 for a version never written), else the current ones. */
function secretsAt(app: SimApp, query: URLSearchParams): Map<string, SecretRecord> {
  const asked = query.get('version');
  if (asked === null) return currentSecrets(app).secrets;
  const version = Number(asked);
  if (version === 0) return new Map();
  const entry = app.secretVersions.find((candidate) => candidate.version === version);
  if (!entry) throw notFound(`secrets version ${asked} not found`);
  return entry.secrets;
}

export function secretRoutes({ platform }: ApiDeps): Route[] {
  return [
    route('GET', path, ({ params, query }) => {
      const show = queryFlag(query, 'show_secrets');
      const secrets = [...secretsAt(platform.app(params.app!), query)]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, record]) => secretJson(name, record, show));
      return { status: 200, body: { secrets } };
    }),
    route('POST', path, ({ params, body }) => {
      const app = platform.app(params.app!);
      if (!isObject(body) || !isObject(body.values)) throw badRequest('body must be {"values": {...}}');
      const values: Record<string, string | null> = {};
      for (const [name, value] of Object.entries(body.values)) {
        if (value !== null && typeof value !== 'string')
          throw badRequest(`value of ${name} must be a string or null`);
        values[name] = value;
      }
      const version = platform.writeSecrets(app, values);
      const secrets = [...currentSecrets(app).secrets].map(([name, record]) =>
        secretJson(name, record, false),
      );
      return { status: 200, body: { secrets, version } };
    }),
    route('GET', `${path}/{name}`, ({ params, query }) => {
      const record = secretsAt(platform.app(params.app!), query).get(params.name!);
      if (!record) throw notFound(`secret not found: ${params.name}`);
      return { status: 200, body: secretJson(params.name!, record, queryFlag(query, 'show_secrets')) };
    }),
    route('POST', `${path}/{name}`, ({ params, body }) => {
      const app = platform.app(params.app!);
      if (!isObject(body) || typeof body.value !== 'string')
        throw badRequest('body must be {"value": "<string>"}');
      const version = platform.writeSecrets(app, { [params.name!]: body.value });
      const record = currentSecrets(app).secrets.get(params.name!)!;
      return { status: 200, body: { ...secretJson(params.name!, record, false), version } };
    }),
    route('DELETE', `${path}/{name}`, ({ params }) => {
      const app = platform.app(params.app!);
      if (!currentSecrets(app).secrets.has(params.name!)) throw notFound(`secret not found: ${params.name}`);
      return { status: 200, body: { version: platform.writeSecrets(app, { [params.name!]: null }) } };
    }),
  ];
}
