import { describe, expect, it } from 'vitest';
import { type Json, sandboxForFile } from './helpers';

const { sandbox, api } = await sandboxForFile();
await sandbox.createApp('releases', { machines: 0 });

interface Event {
  type: string;
  status: string;
  request?: { exit_event?: { exit_code: number; requested_stop: boolean }; restart_count?: number };
}

/** The config flyctl builds for release_command (reference §release_command). */
function releaseConfig(command: string[], autoDestroy = true) {
  return {
    image: 'registry.fly.io/shop:v5',
    init: { cmd: command },
    restart: { policy: 'no' },
    auto_destroy: autoDestroy,
    dns: { skip_registration: true },
    env: { RELEASE_COMMAND: '1', FLY_PROCESS_GROUP: 'fly_app_release_command' },
    metadata: { fly_process_group: 'fly_app_release_command', fly_platform_version: 'v2' },
  };
}

/** flyctl's flow: create with skip_launch, wait stopped... start, wait destroyed, read the newest exit. */
async function runRelease(
  command: string[],
): Promise<{ id: string; exitCode: number | undefined; events: Event[] }> {
  const created = await api.call<Json & { id: string; state: string }>('POST', '/apps/releases/machines', {
    body: { config: releaseConfig(command), skip_launch: true, region: 'iad' },
  });
  expect(created.body.state).toBe('created');
  const id = created.body.id;
  // flyctl waits for `stopped` first: a created machine counts as stopped.
  expect((await api.call('GET', `/apps/releases/machines/${id}/wait?state=stopped&timeout=30`)).status).toBe(
    200,
  );
  expect((await api.call('POST', `/apps/releases/machines/${id}/start`)).status).toBe(200);
  const started = await api.call('GET', `/apps/releases/machines/${id}/wait?state=started&timeout=30`);
  // 404 here means it already finished and was auto-destroyed, which flyctl accepts.
  expect([200, 404]).toContain(started.status);
  expect(
    (await api.call('GET', `/apps/releases/machines/${id}/wait?state=destroyed&timeout=30`)).status,
  ).toBe(200);
  const machine = await api.call<Json & { state: string; events: Event[] }>(
    'GET',
    `/apps/releases/machines/${id}`,
  );
  expect(machine.status).toBe(200);
  expect(machine.body.state).toBe('destroyed');
  const exit = machine.body.events.find((event) => event.type === 'exit');
  return { id, exitCode: exit?.request?.exit_event?.exit_code, events: machine.body.events };
}

describe('release-command machines', () => {
  it('run the command instead of serving, exit 0, and are destroyed with their events still readable', async () => {
    const run = await runRelease(['bin/rails', 'db:migrate']);
    expect(run.exitCode).toBe(0);
    expect(run.events.map((event) => event.type)).toEqual(['destroy', 'exit', 'start', 'launch']);
    expect(run.events[1]?.request?.exit_event?.requested_stop).toBe(false);
    const events = await api.call<Event[]>('GET', `/apps/releases/machines/${run.id}/events`);
    expect(events.body[0]?.type).toBe('destroy');
  });

  it('exit 1 when the command contains "fail"', async () => {
    const run = await runRelease(['sh', '-c', 'migrate --fail']);
    expect(run.exitCode).toBe(1);
  });

  it('without auto_destroy the machine stays stopped after its exit, and is not restarted', async () => {
    const created = await api.call<Json & { id: string }>('POST', '/apps/releases/machines', {
      body: { config: releaseConfig(['true'], false) },
    });
    const stopped = await api.call(
      'GET',
      `/apps/releases/machines/${created.body.id}/wait?state=stopped&timeout=30`,
    );
    expect(stopped.status).toBe(200);
    const machine = sandbox.machines('releases').find((m) => m.id === created.body.id);
    expect(machine).toMatchObject({ state: 'stopped', restartCount: 0 });
  });
});
