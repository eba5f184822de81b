import type { Machine } from '../machine-types';
import type { RolloutContext } from './context';
import { errorMessage } from './errors';
import { waitReady } from './machine-ops';
import { shouldSkipLaunch } from './plan';
import { runPool } from './pool';

/** Rollback goes as fast as immediate, but waits for each machine to be healthy again. */
const restoreConcurrency = 8;

/**
 * Puts every machine this release changed (or may have changed) back on its exact previous config and
 * destroys the machines it created. Returns the ids it could not put back.
 */
export async function restorePrevious(
  context: RolloutContext,
  before: ReadonlyMap<string, Machine>,
): Promise<string[]> {
  const { api, app, recorder, leases, log } = context;
  const entries = [...recorder.machines.values()];
  const touched = entries.filter(
    (entry) => entry.action === 'updated' && (entry.final === 'new' || entry.final === 'unknown'),
  );
  const created = entries.filter(
    (entry) =>
      (entry.action === 'created' || entry.action === 'canary') && entry.final !== 'created-destroyed',
  );
  const failed: string[] = [];
  if (touched.length + created.length > 0) {
    log.info(
      `rolling back: ${touched.length} machine${touched.length === 1 ? '' : 's'} to the previous config, ${created.length} to destroy`,
    );
  }

  await runPool(touched, restoreConcurrency, async (entry) => {
    const machine = before.get(entry.id);
    if (!machine) return true;
    const skipLaunch = shouldSkipLaunch(machine.state);
    const startedBy = context.now();
    recorder.mark(entry.id, 'rollback', machine.config.image);
    log.info(`machine ${entry.id} [${entry.group}] rolling back to ${machine.config.image}`);
    try {
      const nonce = leases.nonce(entry.id);
      const updated = await api.updateMachine(
        app,
        entry.id,
        { config: machine.config, region: machine.region, skip_launch: skipLaunch },
        nonce ? { nonce } : {},
      );
      entry.final = 'unknown';
      if (!skipLaunch) await waitReady(context, entry.id, machine.config, startedBy, updated.version);
      entry.final = 'previous';
      entry.timings.finishedAt = recorder.iso();
    } catch (error) {
      const message = `rollback failed: ${errorMessage(error)}`;
      entry.error = entry.error ? `${entry.error}; ${message}` : message;
      recorder.mark(entry.id, 'failed', message);
      log.error(`machine ${entry.id} [${entry.group}] ${message}`);
      failed.push(entry.id);
    }
    return true;
  });

  await Promise.all(
    created.map(async (entry) => {
      recorder.mark(entry.id, 'destroy', 'rollback');
      log.info(`machine ${entry.id} [${entry.group}] destroying (created by this release)`);
      try {
        const nonce = leases.nonce(entry.id);
        await api.destroyMachine(app, entry.id, { force: true, ...(nonce ? { nonce } : {}) });
        leases.forget(entry.id);
        entry.final = 'created-destroyed';
        entry.state = 'destroyed';
      } catch (error) {
        const message = `rollback could not destroy it: ${errorMessage(error)}`;
        entry.error = entry.error ? `${entry.error}; ${message}` : message;
        entry.final = 'unknown';
        failed.push(entry.id);
      }
    }),
  );
  return failed;
}
