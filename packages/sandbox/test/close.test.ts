import { expect, it } from 'vitest';
import { startFlySandbox } from '../src/index';
import { apiClient, eventually, machineIsAlive, webConfig } from './helpers';

it('close() kills every machine process and closes every server', async () => {
  const sandbox = await startFlySandbox({ timeScale: 0.02 });
  await sandbox.createApp('closing', { machines: 2 });
  const api = apiClient(sandbox.apiUrl, sandbox.token);
  // One more, likely still booting when close() comes.
  await api.call('POST', '/apps/closing/machines', {
    body: { config: webConfig('registry.fly.io/shop:v2') },
  });
  const pids = await eventually('three processes', () => {
    const alive = sandbox.processIds();
    return alive.length === 3 ? alive : undefined;
  });
  const appUrl = sandbox.appUrl('closing');
  await sandbox.close();
  for (const pid of pids) expect(machineIsAlive(pid), `process ${pid}`).toBe(false);
  expect(sandbox.processIds()).toEqual([]);
  await expect(fetch(`${sandbox.apiUrl}/v1/apps/closing`)).rejects.toThrow();
  await expect(fetch(appUrl)).rejects.toThrow();
});
