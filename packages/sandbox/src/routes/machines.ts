import { ApiError, badRequest } from '../errors';
import { acquireLease, requireNonce } from '../leases';
import { machineJson } from '../machine-json';
import type { MachineConfig, SimMachine } from '../model';
import type { LaunchInput } from '../platform';
import { type Route, type RouteContext, route } from '../router';
import { waitForMachine } from '../waits';
import { type ApiDeps, isObject, queryFlag } from './deps';

const base = '/v1/apps/{app}/machines/{id}';
const runningStates = new Set(['started', 'starting', 'replacing', 'stopping']);

export function machineRoutes(deps: ApiDeps): Route[] {
  const { platform, leaseMismatchStatus } = deps;
  /** A live machine the caller may change: leased ones need the lease's nonce. */
  const mutable = ({ params, nonce }: RouteContext): SimMachine => {
    const machine = platform.liveMachine(params.app!, params.id!);
    requireNonce(machine, nonce, leaseMismatchStatus);
    return machine;
  };
  const ok = { status: 200, body: { ok: true } };

  return [
    route('GET', '/v1/apps/{app}/machines', ({ params, query }) => {
      const includeDeleted = queryFlag(query, 'include_deleted');
      const region = query.get('region');
      const machines = [...platform.app(params.app!).machines.values()]
        .filter((machine) => includeDeleted || machine.state !== 'destroyed')
        .filter((machine) => !region || machine.region === region)
        .map(machineJson);
      return { status: 200, body: machines };
    }),
    route('POST', '/v1/apps/{app}/machines', ({ params, body }) => {
      const input = launchInput(body);
      const machine = platform.createMachine(params.app!, input);
      const json = machineJson(machine);
      if (input.lease_ttl !== undefined && input.lease_ttl > 0) {
        const lease = acquireLease(machine, {
          ttlSeconds: input.lease_ttl,
          owner: deps.leaseOwner,
          description: 'lease taken at create',
        });
        json.nonce = lease.nonce;
      }
      return { status: 200, body: json };
    }),
    route('GET', base, ({ params }) => ({
      status: 200,
      body: machineJson(platform.machine(params.app!, params.id!)),
    })),
    route('POST', base, (context) => {
      const machine = mutable(context);
      platform.updateMachine(machine, launchInput(context.body));
      return { status: 200, body: machineJson(machine) };
    }),
    route('DELETE', base, async (context) => {
      const machine = mutable(context);
      // fly-go sends ?kill=, Fly's docs say ?force=: either one forces.
      const force = queryFlag(context.query, 'kill') || queryFlag(context.query, 'force');
      if (runningStates.has(machine.state) && !force) {
        throw new ApiError(
          400,
          `unable to destroy machine, not currently stopped (state: ${machine.state}); use force=true or kill=true`,
          'failed_precondition',
        );
      }
      await platform.lifecycle.destroy(machine, 'user');
      return ok;
    }),
    route('POST', `${base}/start`, (context) => {
      const machine = mutable(context);
      const previous = machine.state;
      if (['created', 'stopped', 'failed'].includes(previous)) platform.lifecycle.start(machine);
      else if (previous !== 'started' && previous !== 'starting') {
        throw new ApiError(
          400,
          `unable to start machine from current state: '${previous}'`,
          'failed_precondition',
        );
      }
      return { status: 200, body: { message: '', status: '', previous_state: previous } };
    }),
    route('POST', `${base}/stop`, (context) => {
      const machine = mutable(context);
      const body = isObject(context.body) ? context.body : {};
      if (runningStates.has(machine.state) && machine.state !== 'stopping') {
        void platform.lifecycle.stop(machine, {
          ...(typeof body.signal === 'string' ? { signal: body.signal } : {}),
          ...(typeof body.timeout === 'string' ? { timeout: body.timeout } : {}),
        });
      }
      return ok;
    }),
    route('POST', `${base}/restart`, (context) => {
      const machine = mutable(context);
      if (machine.state !== 'started') {
        throw new ApiError(400, `unable to restart machine: it is ${machine.state}`, 'failed_precondition');
      }
      void platform.lifecycle.restart(machine);
      return ok;
    }),
    route('POST', `${base}/cordon`, (context) => {
      const machine = mutable(context);
      machine.cordoned = true;
      return ok;
    }),
    route('POST', `${base}/uncordon`, (context) => {
      const machine = mutable(context);
      machine.cordoned = false;
      // Uncordon is how flyctl's blue/green puts machines created with skip_service_registration in service.
      machine.registered = true;
      return ok;
    }),
    route('GET', `${base}/versions`, ({ params }) => ({
      status: 200,
      body: platform.machine(params.app!, params.id!).versions.map((entry) => structuredClone(entry)),
    })),
    route('GET', `${base}/events`, ({ params }) => ({
      status: 200,
      body: platform.machine(params.app!, params.id!).events.map((event) => structuredClone(event)),
    })),
    route('GET', `${base}/wait`, async ({ params, query, signal }) => {
      const machine = platform.machine(params.app!, params.id!);
      const states = query.getAll('state').flatMap((state) => state.split(','));
      if (states.length === 0) states.push('started');
      const version = query.get('version') ?? query.get('instance_id') ?? undefined;
      // Integer seconds clamped to 1..60 like fly-go; real time, not scaled by timeScale (it is the
      // client's own deadline).
      const requested = Number.parseInt(query.get('timeout') ?? '60', 10);
      const seconds = Math.min(60, Math.max(1, Number.isFinite(requested) ? requested : 60));
      const outcome = await waitForMachine(machine, states, version, seconds * 1000, signal);
      switch (outcome) {
        case 'reached':
          return { status: 200, body: { ok: true } };
        case 'timeout':
          throw new ApiError(
            408,
            `timed out waiting for machine to reach state ${states.join(', ')}`,
            'timeout',
          );
        case 'gone':
          throw new ApiError(404, `machine not found: ${machine.id} was destroyed`, 'not_found');
        case 'unreachable':
          throw new ApiError(
            400,
            version !== undefined && version !== machine.version
              ? `machine failed to reach desired state: version ${version} is not the current one`
              : `machine failed to reach desired state, the machine is ${machine.state}`,
          );
        default:
          return { status: 499 };
      }
    }),
    ...['suspend', 'signal', 'exec', 'ps'].map((action) =>
      route(action === 'ps' ? 'GET' : 'POST', `${base}/${action}`, () => {
        throw new ApiError(501, `${action} is not simulated by the shipgate sandbox`);
      }),
    ),
  ];
}

function launchInput(body: unknown): LaunchInput {
  if (!isObject(body)) throw badRequest('a JSON body is required');
  if (!isObject(body.config)) throw badRequest('config is required');
  const input: LaunchInput = { config: body.config as MachineConfig };
  for (const key of ['region', 'name'] as const) if (typeof body[key] === 'string') input[key] = body[key];
  for (const key of ['skip_launch', 'skip_service_registration', 'skip_secrets'] as const) {
    if (typeof body[key] === 'boolean') input[key] = body[key];
  }
  for (const key of ['min_secrets_version', 'lease_ttl'] as const) {
    if (typeof body[key] === 'number') input[key] = body[key];
  }
  return input;
}
