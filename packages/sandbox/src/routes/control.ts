// /_sandbox: state and faults over HTTP for `npm run sandbox` users with curl. No auth (loopback only).
import { z } from 'zod';
import { ApiError, badRequest } from '../errors';
import { machineFaultSchema, requestFaultSchema } from '../faults';
import type { Platform } from '../platform';
import { type Route, route } from '../router';
import type { FlySandbox } from '../sandbox';

export function controlRoutes({ sandbox, platform }: { sandbox: FlySandbox; platform: Platform }): Route[] {
  return [
    route('GET', '/_sandbox/state', () => ({
      status: 200,
      body: {
        apiUrl: sandbox.apiUrl,
        apps: [...platform.apps.values()].map((app) => ({
          name: app.name,
          org: app.org,
          url: sandbox.appUrl(app.name),
          machines: sandbox.machines(app.name),
        })),
      },
    })),
    route('GET', '/_sandbox/faults', () => ({ status: 200, body: { faults: sandbox.faults.list() } })),
    route('POST', '/_sandbox/faults', ({ body }) => {
      const kind = typeof body === 'object' && body !== null ? (body as { kind?: unknown }).kind : undefined;
      if (kind === 'neverStarts' || kind === 'holdLease') {
        const parsed = machineFaultSchema.safeParse(body);
        if (!parsed.success) throw badRequest(z.prettifyError(parsed.error));
        const fault = parsed.data;
        if (fault.kind === 'neverStarts') {
          sandbox.faults.neverStarts(fault.app, fault.machine);
          return { status: 201, body: { kind: fault.kind } };
        }
        const { nonce } = sandbox.faults.holdLease(fault.app, fault.machine, fault.owner, fault.ttlSeconds);
        return { status: 201, body: { kind: fault.kind, nonce } };
      }
      const { kind: _request, ...rule } = (body ?? {}) as Record<string, unknown>;
      const parsed = requestFaultSchema.safeParse(rule);
      if (!parsed.success) throw badRequest(z.prettifyError(parsed.error));
      return { status: 201, body: { id: sandbox.faults.add(parsed.data) } };
    }),
    route('DELETE', '/_sandbox/faults', () => {
      sandbox.faults.clear();
      return { status: 200, body: { ok: true } };
    }),
    route('DELETE', '/_sandbox/faults/{id}', ({ params }) => {
      if (!sandbox.faults.remove(params.id!)) throw new ApiError(404, `no fault ${params.id}`);
      return { status: 200, body: { ok: true } };
    }),
  ];
}
