import { ApiError, notFound } from '../errors';
import { acquireLease, activeLease, leaseEnvelope, requireNonce } from '../leases';
import { type Route, route } from '../router';
import { type ApiDeps, isObject } from './deps';

const path = '/v1/apps/{app}/machines/{id}/lease';

export function leaseRoutes({ platform, leaseOwner, leaseMismatchStatus }: ApiDeps): Route[] {
  return [
    route('GET', path, ({ params }) => {
      const lease = activeLease(platform.liveMachine(params.app!, params.id!));
      if (!lease) throw notFound('no active lease');
      return { status: 200, body: leaseEnvelope(lease) };
    }),
    route('POST', path, ({ params, query, body, nonce }) => {
      const machine = platform.liveMachine(params.app!, params.id!);
      // fly-go sends ?ttl= and no body; the OpenAPI description has {"ttl", "description"} in the body.
      const fromBody = isObject(body) ? body : {};
      const ttl = Number(query.get('ttl') ?? fromBody.ttl ?? 30);
      if (!Number.isFinite(ttl) || ttl <= 0)
        throw new ApiError(400, 'ttl must be a positive number of seconds');
      const lease = acquireLease(machine, {
        ttlSeconds: ttl,
        owner: leaseOwner,
        description: typeof fromBody.description === 'string' ? fromBody.description : '',
        ...(nonce ? { nonce } : {}),
      });
      return { status: 200, body: leaseEnvelope(lease) };
    }),
    route('DELETE', path, ({ params, nonce }) => {
      const machine = platform.liveMachine(params.app!, params.id!);
      requireNonce(machine, nonce, leaseMismatchStatus);
      machine.lease = undefined;
      return { status: 200, body: { ok: true } };
    }),
  ];
}
