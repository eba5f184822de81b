import { badRequest, notFound } from '../errors';
import { type Route, route } from '../router';
import { type ApiDeps, isObject } from './deps';

const path = '/v1/apps/{app}/machines/{id}/metadata';

// Metadata reads and writes `config.metadata` of the current version. fly-go sends no lease nonce on
// these calls (reference §2), so a leased machine's metadata can be written without one, as flyctl's
// blue/green does when it tags the blue machines it holds leases on.
export function metadataRoutes({ platform }: ApiDeps): Route[] {
  return [
    route('GET', path, ({ params }) => ({
      status: 200,
      body: { ...(platform.machine(params.app!, params.id!).config.metadata ?? {}) },
    })),
    route('POST', `${path}/{key}`, ({ params, body }) => {
      const machine = platform.liveMachine(params.app!, params.id!);
      const key = params.key!;
      if (!/^[A-Za-z0-9_.-]{1,100}$/.test(key))
        throw badRequest(`invalid metadata key ${JSON.stringify(key)}`);
      if (!isObject(body) || typeof body.value !== 'string')
        throw badRequest('body must be {"value": "<string>"}');
      machine.config.metadata = { ...(machine.config.metadata ?? {}), [key]: body.value };
      return { status: 204 };
    }),
    route('DELETE', `${path}/{key}`, ({ params }) => {
      const machine = platform.liveMachine(params.app!, params.id!);
      const metadata = machine.config.metadata ?? {};
      if (!(params.key! in metadata)) throw notFound(`metadata key not found: ${params.key}`);
      const { [params.key!]: _removed, ...rest } = metadata;
      machine.config.metadata = rest;
      return { status: 204 };
    }),
  ];
}
