import { describe, expect, it } from 'vitest';
import { echoedForms, type Json, sandboxForFile, viaProxy } from './helpers';

const { sandbox, api } = await sandboxForFile();
const [machineId] = await sandbox.createApp('faulty', { machines: 1 });

describe('request faults', () => {
  it('status with Retry-After, for `times` matching requests only', async () => {
    sandbox.faults.add({ method: 'GET', path: '/machines$', status: 429, retryAfter: 2, times: 2 });
    const first = await api.call('GET', '/apps/faulty/machines');
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('2');
    expect(first.headers.get('fly-request-id')).toBeTruthy();
    expect(first.body.error).toMatch(/429/);
    expect((await api.call('GET', `/apps/faulty/machines/${machineId}`)).status).toBe(200); // path does not match
    expect((await api.call('GET', '/apps/faulty/machines')).status).toBe(429);
    expect((await api.call('GET', '/apps/faulty/machines')).status).toBe(200);
    expect(sandbox.faults.list()).toEqual([]);
  });

  it('5xx matched by app and machine', async () => {
    sandbox.faults.add({
      app: 'faulty',
      machine: machineId!,
      status: 503,
      times: 1,
      message: 'upstream unavailable',
    });
    expect((await api.call('GET', '/apps/faulty/machines')).status).toBe(200);
    const hit = await api.call('GET', `/apps/faulty/machines/${machineId}`);
    expect(hit.status).toBe(503);
    expect(hit.body).toEqual({ error: 'upstream unavailable' });
  });

  it('latency delays the answer', async () => {
    sandbox.faults.add({ path: '/apps/faulty$', latency: 400, times: 1 });
    const started = Date.now();
    expect((await api.call('GET', '/apps/faulty')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('drop destroys the connection without an answer', async () => {
    sandbox.faults.add({ method: 'POST', status: 500, drop: true, times: 1 });
    await expect(api.call('POST', `/apps/faulty/machines/${machineId}/cordon`)).rejects.toThrow(
      /fetch failed/,
    );
    expect(sandbox.requests.at(-1)).toMatchObject({ method: 'POST', status: 0, machine: machineId });
    expect((await api.call('POST', `/apps/faulty/machines/${machineId}/uncordon`)).status).toBe(200);
  });

  it('probability 0 never hits, 1 always does', async () => {
    sandbox.faults.add({ path: '/apps/faulty$', status: 502, probability: 0 });
    expect((await api.call('GET', '/apps/faulty')).status).toBe(200);
    sandbox.faults.clear();
    sandbox.faults.add({ path: '/apps/faulty$', status: 502, probability: 1 });
    expect((await api.call('GET', '/apps/faulty')).status).toBe(502);
    expect((await api.call('GET', '/apps/faulty')).status).toBe(502);
    sandbox.faults.clear();
  });

  it('can target an app proxy', async () => {
    const id = sandbox.faults.add({ scope: 'proxy', app: 'faulty', status: 502, times: 1 });
    expect(id).toMatch(/^fault-/);
    expect((await viaProxy(sandbox, 'faulty')).status).toBe(502);
    expect((await viaProxy(sandbox, 'faulty')).status).toBe(200);
  });

  it('refuses a rule that does nothing', () => {
    expect(() => sandbox.faults.add({ path: 'x' })).toThrow(/latency, status, echoCredential or drop/);
  });

  it('after lets that many matching requests through first', async () => {
    sandbox.faults.add({ path: '/apps/faulty$', status: 503, after: 2, times: 1 });
    expect((await api.call('GET', '/apps/faulty/machines')).status).toBe(200); // path does not match
    expect((await api.call('GET', '/apps/faulty')).status).toBe(200);
    expect((await api.call('GET', '/apps/faulty')).status).toBe(200);
    expect((await api.call('GET', '/apps/faulty')).status).toBe(503);
    expect((await api.call('GET', '/apps/faulty')).status).toBe(200);
  });
});

describe('echoCredential: errors that quote the presented token back', () => {
  const authorization = 'FlyV1 fm2_lJPECAAAAAAAAMS/wr+Qx"q\\z==,fm2_second';
  const forms = echoedForms(authorization);

  it('answers the first machines call 401 with the Authorization value in every form, in the body and a header', async () => {
    sandbox.faults.add({ method: 'GET', path: '/machines$', echoCredential: true, times: 1 });
    const refused = await api.call<Json & { presented: typeof forms }>('GET', '/apps/faulty/machines', {
      headers: { authorization },
    });
    expect(refused.status).toBe(401);
    expect(refused.body.presented).toEqual(forms);
    for (const form of Object.values(forms)) expect(refused.body.error).toContain(form);
    const header = refused.headers.get('www-authenticate') ?? '';
    expect(header).toContain(forms.base64);
    expect(header).toContain('fm2_lJPECAAAAAAAAMS/wr+Qx');
    expect((await api.call('GET', '/apps/faulty/machines', { headers: { authorization } })).status).toBe(200);
  });

  it('takes another status and message, and can follow `after`', async () => {
    sandbox.faults.add({
      path: '/apps/faulty$',
      echoCredential: true,
      status: 500,
      message: 'token store unavailable',
      after: 1,
      times: 1,
    });
    expect((await api.call('GET', '/apps/faulty', { headers: { authorization } })).status).toBe(200);
    const failed = await api.call('GET', '/apps/faulty', { headers: { authorization } });
    expect(failed.status).toBe(500);
    expect(failed.body.error).toMatch(/^token store unavailable: the authorization presented is not valid: /);
    expect(failed.body.error).toContain(forms.urlEncoded);
  });

  it('on an app proxy, echoes the header named, as plain text', async () => {
    sandbox.faults.add({ scope: 'proxy', app: 'faulty', echoCredential: 'X-Api-Key', status: 403, times: 1 });
    const key = 'key+with/slash=';
    const refused = await fetch(`${sandbox.appUrl('faulty')}/`, { headers: { 'x-api-key': key } });
    expect(refused.status).toBe(403);
    const text = await refused.text();
    expect(text).toMatch(/^injected fault: 403: the x-api-key presented is not valid: key\+with/);
    for (const form of Object.values(forms)) expect(text).not.toContain(form);
    expect(text).toContain(Buffer.from(key).toString('base64'));
    expect(text).toContain(encodeURIComponent(key));
    expect(refused.headers.get('www-authenticate')).toContain(key);
    expect((await viaProxy(sandbox, 'faulty')).status).toBe(200);
  });

  it('echoes an absent header as empty', async () => {
    sandbox.faults.add({ path: '/apps/faulty$', echoCredential: true, times: 1 });
    const refused = await fetch(`${sandbox.apiUrl}/v1/apps/faulty`);
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { presented: typeof forms }).presented.raw).toBe('');
  });
});

describe('machine faults', () => {
  it('neverStarts holds an existing machine in starting when it is next started', async () => {
    sandbox.faults.neverStarts('faulty', machineId!);
    await api.call('POST', `/apps/faulty/machines/${machineId}/restart`);
    const answer = await api.call('GET', `/apps/faulty/machines/${machineId}/wait?state=started&timeout=1`);
    expect(answer.status).toBe(408);
    expect(sandbox.machines('faulty')[0]?.state).toBe('starting');
    sandbox.faults.clear();
    await api.call('POST', `/apps/faulty/machines/${machineId}/stop`);
    await api.call('GET', `/apps/faulty/machines/${machineId}/wait?state=stopped&timeout=30`);
    await api.call('POST', `/apps/faulty/machines/${machineId}/start`);
    expect(
      (await api.call('GET', `/apps/faulty/machines/${machineId}/wait?state=started&timeout=30`)).status,
    ).toBe(200);
  });
});

describe('over HTTP (/_sandbox)', () => {
  const control = (method: string, path: string, body?: unknown) =>
    fetch(`${sandbox.apiUrl}/_sandbox${path}`, {
      method,
      ...(body !== undefined
        ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }
        : {}),
    }).then(async (response) => ({ status: response.status, body: (await response.json()) as Json }));

  it('adds, lists and clears request faults and machine faults; shows the state', async () => {
    const added = await control('POST', '/faults', {
      method: 'GET',
      path: '^/v1/apps/faulty$',
      status: 429,
      retryAfter: 1,
    });
    expect(added.status).toBe(201);
    expect((await api.call('GET', '/apps/faulty')).status).toBe(429);
    expect((await control('GET', '/faults')).body.faults).toHaveLength(1);
    expect((await control('DELETE', `/faults/${added.body.id}`)).status).toBe(200);
    expect((await api.call('GET', '/apps/faulty')).status).toBe(200);

    const held = await control('POST', '/faults', {
      kind: 'holdLease',
      app: 'faulty',
      machine: machineId,
      owner: 'ops@elsewhere',
    });
    expect(held.body.nonce).toBeTruthy();
    expect((await api.call('POST', `/apps/faulty/machines/${machineId}/lease?ttl=10`)).status).toBe(409);
    expect(
      (await control('POST', '/faults', { kind: 'neverStarts', app: 'faulty', machine: 'next-created' }))
        .status,
    ).toBe(201);
    expect((await control('POST', '/faults', { status: 'bad' })).status).toBe(400);
    expect((await control('DELETE', '/faults')).status).toBe(200);
    expect((await api.call('POST', `/apps/faulty/machines/${machineId}/lease?ttl=10`)).status).toBe(200);

    const state = await control('GET', '/state');
    expect(state.body).toMatchObject({
      apiUrl: sandbox.apiUrl,
      apps: [{ name: 'faulty', url: sandbox.appUrl('faulty'), machines: [{ id: machineId }] }],
    });
  });
});
