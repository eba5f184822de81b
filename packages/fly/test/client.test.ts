// FlyClient against recorded Machines API exchanges served from loopback: every request the client sends is
// checked against the recording, and the recorded answer is sent back.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isDeepStrictEqual } from 'node:util';
import { createRecordingLogger, type RecordingLogger } from '@shipgate/kit';
import { afterEach, describe, expect, it, onTestFinished } from 'vitest';
import {
  FlyApiError,
  type FlyCall,
  FlyClient,
  type FlyClientOptions,
  isLeaseConflict,
  isNotFound,
} from '../src/client';

interface RecordedRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  absentHeaders?: string[];
  body?: unknown;
}

interface RecordedResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  bodyText?: string;
  action?: 'reset' | 'hang';
}

interface Exchange {
  request: RecordedRequest;
  response: RecordedResponse;
}

const token = 'fm2_recordedtoken';
const app = 'shop';
const id = '148ed193b95948';
const nonce = 'd1c8f0e2a5b94c7e';

function recording(name: string): Exchange[] {
  const file = new URL(`./fixtures/recorded/${name}.json`, import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { exchanges: Exchange[] }).exchanges;
}

interface Replay {
  url: string;
  /** Exchanges answered so far. */
  served: () => number;
}

/** Differences between what the client sent and what was recorded; empty when they agree. */
function compare(
  expected: RecordedRequest,
  got: { method: string; url: string; headers: IncomingMessage['headers']; body: string },
) {
  const problems: string[] = [];
  if (got.method !== expected.method) problems.push(`method ${got.method}, recorded ${expected.method}`);
  const sent = new URL(got.url, 'http://x');
  const recorded = new URL(expected.path, 'http://x');
  if (sent.pathname !== recorded.pathname)
    problems.push(`path ${sent.pathname}, recorded ${recorded.pathname}`);
  const params = (url: URL) => [...url.searchParams.entries()].map(([k, v]) => `${k}=${v}`).sort();
  if (!isDeepStrictEqual(params(sent), params(recorded))) {
    problems.push(`query ${sent.search || '(none)'}, recorded ${recorded.search || '(none)'}`);
  }
  for (const [name, value] of Object.entries(expected.headers ?? {})) {
    if (got.headers[name] !== value)
      problems.push(`header ${name}: ${String(got.headers[name])}, recorded ${value}`);
  }
  for (const name of expected.absentHeaders ?? []) {
    if (got.headers[name] !== undefined) problems.push(`header ${name} sent, recorded absent`);
  }
  if (expected.body === undefined) {
    if (got.body !== '') problems.push(`body ${got.body}, recorded none`);
  } else if (!isDeepStrictEqual(safeJson(got.body), expected.body)) {
    problems.push(`body ${got.body}, recorded ${JSON.stringify(expected.body)}`);
  }
  return problems;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Serves the exchanges in order; a request that differs from its recording fails the test. */
async function replay(exchanges: Exchange[]): Promise<Replay> {
  const mismatches: string[] = [];
  let next = 0;
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    request.on('data', (chunk: Buffer) => {
      body += chunk.toString();
    });
    request.on('end', () => {
      const exchange = exchanges[next++];
      const got = { method: request.method ?? '', url: request.url ?? '', headers: request.headers, body };
      if (!exchange) {
        mismatches.push(`unexpected request ${got.method} ${got.url}`);
        response.writeHead(599).end('not in the recording');
        return;
      }
      const problems = compare(exchange.request, got);
      if (problems.length > 0)
        mismatches.push(`request ${next} (${got.method} ${got.url}): ${problems.join('; ')}`);
      answer(exchange.response, request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(mismatches).toEqual([]);
    expect(next, 'requests answered, of those recorded').toBe(exchanges.length);
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, served: () => next };
}

function answer(recorded: RecordedResponse, request: IncomingMessage, response: ServerResponse) {
  if (recorded.action === 'reset') {
    request.socket.destroy();
    return;
  }
  if (recorded.action === 'hang') return;
  const text = recorded.bodyText ?? (recorded.body === undefined ? '' : JSON.stringify(recorded.body));
  response.writeHead(recorded.status ?? 200, recorded.headers ?? {});
  response.end(text);
}

// Every client made in a test; its log and the errors it threw are searched for the token afterwards.
const made: Array<{ log: RecordingLogger; calls: FlyCall[] }> = [];
const thrown: unknown[] = [];

afterEach(() => {
  for (const { log } of made) {
    for (const entry of log.entries) expect(entry.message).not.toContain('recordedtoken');
  }
  for (const error of thrown) expect(String(error)).not.toContain('recordedtoken');
  made.length = 0;
  thrown.length = 0;
});

function clientFor(server: Replay, options: Partial<FlyClientOptions> = {}) {
  const log = createRecordingLogger();
  const calls: FlyCall[] = [];
  const client = new FlyClient({
    token,
    baseUrl: server.url,
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 20 },
    waitRetryDelayMs: { min: 5, max: 20 },
    log,
    onCall: (call) => calls.push(call),
    ...options,
  });
  onTestFinished(() => client.close());
  made.push({ log, calls });
  return { client, log, calls };
}

async function failure(promise: Promise<unknown>): Promise<FlyApiError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  thrown.push(error);
  expect(error).toBeInstanceOf(FlyApiError);
  return error as FlyApiError;
}

describe('machines', () => {
  it('lists machines with unknown fields kept, a machine with only incomplete_config included', async () => {
    const { client } = clientFor(await replay(recording('machines-list')));
    const machines = await client.listMachines(app, { region: 'ord', includeDeleted: true });
    expect(machines.map((m) => [m.id, m.state])).toEqual([
      [id, 'started'],
      ['5683d920b1e418', 'stopped'],
    ]);
    expect(machines[0]?.future_machine_field).toEqual({ introduced: 'later' });
    expect(machines[0]?.config.future_config_field).toEqual({ kept: true });
    expect(machines[0]?.config.services?.[0]?.force_instance_key).toBeNull();
    expect(machines[1]?.config.image).toBe('registry.fly.io/shop:deployment-01HRQ3ZB4KJ5M8N9P0Q1R2S3T4');
  });

  it('gets a machine as it came', async () => {
    const { client } = clientFor(await replay(recording('machine-get')));
    const machine = await client.getMachine(app, id);
    const recorded = recording('machine-get')[0]!.response.body;
    expect(machine).toEqual(recorded);
    expect(machine.events?.[0]?.type).toBe('start');
    expect(machine.checks?.[0]?.status).toBe('passing');
  });

  it('creates a machine with lease_ttl and gets its nonce', async () => {
    const exchanges = recording('machine-create-leased');
    const { client, calls } = clientFor(await replay(exchanges));
    const input = exchanges[0]!.request.body as Parameters<FlyClient['createMachine']>[1];
    const machine = await client.createMachine(app, input);
    expect(machine.nonce).toBe(nonce);
    expect(machine.state).toBe('created');
    expect(calls).toEqual([
      { method: 'POST', path: '/v1/apps/shop/machines', status: 200, attempt: 1, ms: expect.any(Number) },
    ]);
  });

  it('updates with the whole config sent back and the nonce header', async () => {
    const { client } = clientFor(await replay(recording('machine-update-nonce')));
    const current = await client.getMachine(app, id);
    const config = { ...current.config, image: 'registry.fly.io/shop:deployment-01HRQ6Z9' };
    const updated = await client.updateMachine(
      app,
      id,
      { config, region: current.region, skip_launch: false, min_secrets_version: 8 },
      { nonce },
    );
    expect(updated.version).toBe('01HRQ6A0V3W4X5Y6Z7A8B9C0D1');
    expect(updated.config.future_config_field).toEqual({ kept: true });
  });

  it('destroys with kill and force', async () => {
    const { client } = clientFor(await replay(recording('machine-destroy-force')));
    await expect(client.destroyMachine(app, id, { force: true, nonce })).resolves.toBeUndefined();
  });

  it('stops with a signal and timeout, starts, restarts, cordons, uncordons, lists versions', async () => {
    const server = await replay(recording('machine-lifecycle'));
    const { client } = clientFor(server);
    await client.stopMachine(app, id, { nonce, signal: 'SIGTERM', timeout: '10s' });
    await client.startMachine(app, id, { nonce });
    await client.restartMachine(app, id);
    await client.cordonMachine(app, id, { nonce });
    await client.uncordonMachine(app, id, { nonce });
    const versions = await client.listVersions(app, id);
    expect(versions[0]?.version).toBe('01HRQ4K8RZ9V1X2C3D4E5F6G7H');
    expect(versions[0]?.user_config.image).toContain('registry.fly.io/shop');
    expect(server.served()).toBe(6);
  });
});

describe('leases', () => {
  it('acquires, refreshes and releases through the envelope', async () => {
    const { client } = clientFor(await replay(recording('lease-envelope')));
    const lease = await client.acquireLease(app, id, { ttlSeconds: 13, description: 'shipgate deploy' });
    expect(lease).toEqual({
      nonce,
      expiresAt: 1710151352,
      owner: 'ci@shop.example',
      description: 'shipgate deploy',
    });
    const refreshed = await client.refreshLease(app, id, { ttlSeconds: 13, nonce });
    expect(refreshed.expiresAt).toBe(1710151356);
    await client.releaseLease(app, id, nonce);
  });

  it('accepts a bare lease object', async () => {
    const { client } = clientFor(await replay(recording('lease-bare')));
    const lease = await client.acquireLease(app, id, { ttlSeconds: 13 });
    expect(lease.nonce).toBe(nonce);
    expect(lease.expiresAt).toBe(1710151352);
  });

  it('refuses a lease answer without a nonce or without success', async () => {
    const { client } = clientFor(await replay(recording('lease-invalid')));
    const noNonce = await failure(client.acquireLease(app, id, { ttlSeconds: 13 }));
    expect(noNonce.message).toBe(
      `Fly API POST /v1/apps/shop/machines/${id}/lease: 200 OK: the lease answer has no nonce (request 01HRQ5ZK01X4Y7WQGCM3T9V2B8D-ord)`,
    );
    const notSuccess = await failure(client.acquireLease(app, id, { ttlSeconds: 13 }));
    expect(notSuccess.reason).toBe('the lease answer says error: could not acquire lease');
  });

  it('reports a held lease as a conflict and ignores 404 on release', async () => {
    const { client, calls } = clientFor(await replay(recording('lease-conflict')));
    const error = await failure(client.acquireLease(app, id, { ttlSeconds: 13 }));
    expect(isLeaseConflict(error)).toBe(true);
    expect(error.status).toBe(409);
    expect(error.retryable).toBe(false);
    expect(error.message).toBe(
      `Fly API POST /v1/apps/shop/machines/${id}/lease: 409 Conflict: machine currently leased by another user (request 01HRQ5ZK01X4Y7WQGCM3T9V2B8D-ord)`,
    );
    await expect(client.releaseLease(app, id, nonce)).resolves.toBeUndefined();
    expect(calls.map((c) => c.status)).toEqual([409, 404]);
  });
});

describe('waiting', () => {
  it('waits once for any of several states at a version', async () => {
    const { client } = clientFor(await replay(recording('wait-started')));
    await client.waitOnce(app, id, {
      states: ['started', 'stopped'],
      timeoutSeconds: 600,
      version: '01HRQ4K8RZ9V1X2C3D4E5F6G7H',
    });
  });

  it('waitForState polls again after a 408', async () => {
    const { client, calls } = clientFor(await replay(recording('wait-timeout-then-started')));
    await client.waitForState(app, id, { states: ['started'], deadline: Date.now() + 300_000 });
    expect(calls.map((c) => c.status)).toEqual([408, 200]);
  });

  it('waitOnce rejects with the 408 instead of retrying it', async () => {
    const exchanges = recording('wait-timeout-then-started').slice(0, 1);
    const { client } = clientFor(await replay(exchanges));
    const error = await failure(client.waitOnce(app, id, { states: ['started'], timeoutSeconds: 60 }));
    expect(error.status).toBe(408);
  });

  it('a 400 is final', async () => {
    const server = await replay(recording('wait-failed'));
    const { client } = clientFor(server);
    const error = await failure(
      client.waitForState(app, id, { states: ['started'], deadline: Date.now() + 4500 }),
    );
    expect(error.status).toBe(400);
    expect(error.reason).toContain('machine failed to reach desired state');
    expect(server.served()).toBe(1);
  });

  it('404 counts as reached when waiting for destroyed', async () => {
    const { client } = clientFor(await replay(recording('wait-destroyed-gone')));
    await client.waitForState(app, id, { states: ['destroyed'], deadline: Date.now() + 300_000 });
  });

  it('says the last known state at the deadline, without a busy loop', async () => {
    const seen: string[] = [];
    const url = await plainServer((request, response) => {
      seen.push(request.url ?? '');
      if (request.url?.includes('/wait')) {
        response.writeHead(408, { 'content-type': 'application/json' }).end('{"error":"deadline_exceeded"}');
      } else {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ id, state: 'starting', region: 'ord', config: { image: 'x' } }));
      }
    });
    const { client } = clientFor({ url, served: () => 0 }, { waitRetryDelayMs: { min: 100, max: 200 } });
    const promise = client.waitForState(app, id, { states: ['started'], deadline: Date.now() + 1200 });
    await expect(promise).rejects.toThrow(
      `timed out after 1s waiting for machine ${id} to be started (it is starting)`,
    );
    const waits = seen.filter((u) => u.includes('/wait'));
    expect(waits.length).toBeGreaterThanOrEqual(3);
    expect(waits.length).toBeLessThanOrEqual(12);
    expect(waits[0]).toContain('timeout=2');
    expect(seen.at(-1)).toBe(`/v1/apps/shop/machines/${id}`);
  });

  it('stops waiting when its signal aborts', async () => {
    const url = await plainServer(() => {});
    const { client } = clientFor({ url, served: () => 0 });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('deploy cancelled')), 50);
    const promise = client.waitForState(app, id, {
      states: ['started'],
      deadline: Date.now() + 60_000,
      signal: controller.signal,
    });
    await expect(promise).rejects.toThrow('deploy cancelled');
  });
});

describe('metadata, secrets, apps', () => {
  it('reads, sets and deletes metadata', async () => {
    const { client } = clientFor(await replay(recording('metadata')));
    expect(await client.getMetadata(app, id)).toMatchObject({
      fly_process_group: 'app',
      fly_release_version: '12',
    });
    await client.setMetadata(app, id, 'fly_bluegreen_deployment_tag', 'safe_to_destroy');
    await client.deleteMetadata(app, id, 'fly_canary', { nonce });
  });

  it('lists secrets and bulk-updates them, returning the new version; values never logged', async () => {
    const { client, log } = clientFor(await replay(recording('secrets')));
    const secrets = await client.listSecrets(app);
    expect(secrets.map((s) => s.name)).toEqual(['DATABASE_URL', 'SESSION_KEY']);
    expect(await client.updateSecrets(app, { SESSION_KEY: 's3cr3t-session-value', OLD_TOKEN: null })).toEqual(
      {
        version: 8,
      },
    );
    expect(log.entries.some((e) => e.message.includes('s3cr3t'))).toBe(false);
  });

  it('gets an app and creates one answered with no body', async () => {
    const { client } = clientFor(await replay(recording('apps')));
    const shop = await client.getApp(app);
    expect(shop.status).toBe('deployed');
    expect(shop.organization?.slug).toBe('shop-inc');
    expect(await client.createApp({ name: 'shop-staging', org: 'shop-inc' })).toEqual({
      name: 'shop-staging',
      organization: { slug: 'shop-inc' },
    });
  });
});

describe('errors', () => {
  it("says Fly's message, else its error, else the body text", async () => {
    const { client, calls } = clientFor(await replay(recording('errors')));
    const config = { image: 'registry.fly.io/shop:deployment-01HRQ3ZB4KJ5M8N9P0Q1R2S3T4' };
    const recordedConfig = recording('errors')[0]!.request.body as { config: typeof config };
    const invalid = await failure(client.updateMachine(app, id, { config: recordedConfig.config }));
    expect(invalid.message).toBe(
      `Fly API POST /v1/apps/shop/machines/${id}: 400 Bad Request: invalid config.guest.memory_mb: 100 is below the minimum of 256 (request 01HRQ5ZK01X4Y7WQGCM3T9V2B8D-ord)`,
    );
    expect(invalid.code).toBe('unknown');
    expect(invalid.requestId).toBe('01HRQ5ZK01X4Y7WQGCM3T9V2B8D-ord');

    const missing = await failure(client.getMachine(app, id));
    expect(isNotFound(missing)).toBe(true);
    expect(missing.reason).toBe('machine not found');
    expect(missing.code).toBe('not_found');

    const plain = await failure(client.startMachine(app, id));
    expect(plain.status).toBe(500);
    expect(plain.retryable).toBe(false);
    expect(plain.reason).toBe(
      'upstream connect error or disconnect/reset before headers. reset reason: connection termination',
    );
    expect(calls.map((c) => c.status)).toEqual([400, 404, 500]);
  });

  it('never shows the token, even when an answer echoes it', async () => {
    const url = await plainServer((request, response) => {
      response.writeHead(401, { 'content-type': 'application/json' });
      const sent = request.headers.authorization ?? '';
      const encoded = Buffer.from(sent).toString('base64');
      response.end(JSON.stringify({ error: `bad token: ${sent}, ${encoded}, ${encodeURIComponent(sent)}` }));
    });
    const { client } = clientFor({ url, served: () => 0 });
    const error = await failure(client.getMachine(app, id));
    expect(error.reason).toBe('bad token: ***, ***, ***');
    expect(JSON.stringify(client)).not.toContain('recordedtoken');
  });
});

describe('retries', () => {
  it('waits out 429 with Retry-After in seconds (capped) and as an HTTP date, on a GET and on a start', async () => {
    const server = await replay(recording('rate-limited'));
    const { client, calls, log } = clientFor(server);
    const started = Date.now();
    expect((await client.getMachine(app, id)).id).toBe(id);
    await client.startMachine(app, id);
    expect(Date.now() - started).toBeLessThan(900);
    expect(calls.map((c) => [c.status, c.attempt])).toEqual([
      [429, 1],
      [200, 2],
      [429, 1],
      [200, 2],
    ]);
    expect(log.entries.filter((e) => e.message.startsWith('fly: retrying')).length).toBe(2);
    expect(log.entries[0]?.message).toMatch(
      new RegExp(
        `^fly: GET /v1/apps/shop/machines/${id} → 429 \\(request 01HRQ5ZK01X4Y7WQGCM3T9V2B8D-ord\\), attempt 1, \\d+ ms$`,
      ),
    );
  });

  it('retries 503 on a GET, never on a create', async () => {
    const exchanges = recording('unavailable');
    const server = await replay(exchanges);
    const { client, calls } = clientFor(server);
    expect(await client.listMachines(app)).toEqual([]);
    const input = exchanges[2]!.request.body as Parameters<FlyClient['createMachine']>[1];
    const error = await failure(client.createMachine(app, input));
    expect(error.status).toBe(503);
    expect(error.retryable).toBe(false);
    expect(calls.map((c) => c.status)).toEqual([503, 200, 503]);
    expect(server.served()).toBe(3);
  });

  it('retries a reset and a timeout on a GET; a start that hangs is not sent twice', async () => {
    const server = await replay(recording('connection-faults'));
    const { client, calls } = clientFor(server, { timeoutMs: 200 });
    expect((await client.getMachine(app, id)).id).toBe(id);
    expect((await client.getMachine(app, id)).id).toBe(id);
    const hung = await failure(client.startMachine(app, id));
    expect(hung.status).toBe(0);
    expect(hung.code).toBe('timeout');
    expect(hung.message).toMatch(
      new RegExp(
        `^Fly API POST /v1/apps/shop/machines/${id}/start: no answer from 127\\.0\\.0\\.1:\\d+ within 200 ms$`,
      ),
    );
    expect(calls.map((c) => c.status)).toEqual([0, 200, 0, 200, 0]);
    expect(server.served()).toBe(5);
  });

  it('gives up after the configured attempts', async () => {
    let count = 0;
    const url = await plainServer((_request, response) => {
      count++;
      response.writeHead(502, { 'fly-request-id': 'r1' }).end('bad gateway');
    });
    const { client } = clientFor({ url, served: () => 0 });
    const error = await failure(client.listMachines(app));
    expect(count).toBe(3);
    expect(error.retryable).toBe(true);
    expect(error.message).toBe(
      'Fly API GET /v1/apps/shop/machines: 502 Bad Gateway: bad gateway (request r1)',
    );
  });

  it('turns a refused connection into a status 0 error with a plain reason', async () => {
    // Port 1 on loopback: nothing listens there.
    const { client } = clientFor({ url: 'http://127.0.0.1:1', served: () => 0 }, { retry: { attempts: 1 } });
    const error = await failure(client.getMachine(app, id));
    expect(error.status).toBe(0);
    expect(error.code).toBe('refused');
    expect(error.message).toBe(
      `Fly API GET /v1/apps/shop/machines/${id}: connection refused by 127.0.0.1:1 (ECONNREFUSED)`,
    );
  });
});

describe('auth header', () => {
  const forms: Array<[string, string]> = [
    ['fm2_recordedtoken', 'FlyV1 fm2_recordedtoken'],
    ['FlyV1 fm1r_recordedtoken,fm1a_discharge', 'FlyV1 fm1r_recordedtoken,fm1a_discharge'],
    [' fm2_recordedtoken , fm2_second ', 'FlyV1 fm2_recordedtoken,fm2_second'],
    ['Bearer fm2_recordedtoken', 'FlyV1 fm2_recordedtoken'],
    ['Bearer fo1_recordedtoken', 'Bearer fo1_recordedtoken'],
    ['recordedtoken-personal', 'Bearer recordedtoken-personal'],
    ['FlyV1 recordedtoken-personal', 'Bearer recordedtoken-personal'],
  ];
  for (const [given, sent] of forms) {
    it(`sends ${sent.split(' ')[0]} for ${JSON.stringify(given)}`, async () => {
      const path = `/v1/apps/shop/machines/${id}`;
      const server = await replay([
        {
          request: { method: 'GET', path: `${path}/metadata`, headers: { authorization: sent } },
          response: { body: {} },
        },
        {
          request: { method: 'GET', path, headers: { authorization: sent } },
          response: { status: 401, body: {} },
        },
      ]);
      const { client } = clientFor(server, { token: given });
      expect(await client.getMetadata(app, id)).toEqual({});
      const error = await failure(client.getMachine(app, id));
      expect(error.status).toBe(401);
    });
  }

  it('refuses an empty token', () => {
    expect(() => new FlyClient({ token: ' Bearer ' })).toThrow('a Fly API token is required');
  });
});

async function plainServer(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<string> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onTestFinished(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
