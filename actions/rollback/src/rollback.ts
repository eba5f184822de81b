import {
  cancellation,
  createClient,
  defaultRecordPath,
  type ReleaseRecord,
  type RollbackRequest,
  readFlyToml,
  readReleaseRecord,
  releaseOutputs,
  releaseRecordText,
  renderReleaseSummary,
  resolveRollout,
  rollback,
  shortImage,
} from '@shipgate/fly';
import { startRunDeployment } from '@shipgate/github/deployment';
import { type ActionContext, type ActionResult, errorMessage, InputError, type Inputs } from '@shipgate/kit';
import type { rollbackInputs, rollbackOutputs } from './inputs';

type RollbackInputs = Inputs<typeof rollbackInputs>;

/** Wires rollback's inputs to the engine: from a record, from the machines' metadata, or to an image. */
export async function rollbackAction(
  inputs: RollbackInputs,
  token: string,
  context: ActionContext,
): Promise<ActionResult<typeof rollbackOutputs>> {
  const { log, summary, run } = context;
  const apiUrl = inputs['fly-api-url'];
  const record = inputs['record-file'] ? await loadRecord(inputs['record-file']) : undefined;
  const flyToml = inputs.config
    ? await readFlyToml(inputs.config, run.workspace, log, "input 'config'")
    : undefined;
  // The pace as fly-deploy reads it: the inputs, else the fly.toml's [deploy], else flyctl's defaults.
  const rollout = resolveRollout(
    {
      app: inputs.app ?? record?.app,
      maxUnavailable: inputs['max-unavailable'],
      waitTimeoutMs: inputs['wait-timeout'],
    },
    flyToml,
  );
  const app = rollout.app;
  if (!app)
    throw new InputError(
      'app',
      "Input 'app' is required without a 'record-file' or a fly.toml naming the app.",
    );
  if (record && record.app !== app) {
    throw new InputError('app', `Input 'app' is ${app} but the record is of a release of ${record.app}.`);
  }
  const request: RollbackRequest = {
    app,
    force: inputs.force,
    strategy: inputs.strategy,
    maxUnavailable: rollout.maxUnavailable,
    waitTimeoutMs: rollout.waitTimeoutMs,
  };
  if (record) request.record = record;
  if (inputs.image) request.image = inputs.image;
  const source = record
    ? `the record of release ${record.id}`
    : inputs.image
      ? `image ${inputs.image}`
      : "the machines' own metadata";
  log.info(`rolling back ${app} from ${source} (${request.strategy}) through ${apiUrl}`);

  const deployment = await startRunDeployment({
    environment: inputs['github-environment'],
    token: inputs['github-token'],
    apiUrl: run.apiUrl,
    run,
    commit: inputs.commit,
    description: `rollback of ${app} (${source})`,
    payload: { app, rollback: true },
    log,
  });
  const client = createClient(token, apiUrl, log);
  try {
    const result = await context.phase(`Rolling back ${app}`, () =>
      rollback(client, request, { log, signal: cancellation(context.signal, log) }),
    );
    const recordFile = inputs['record-out-file'] ?? defaultRecordPath(result, run.temp);
    await context.phase('Release record', async () => {
      await context.writeFile(recordFile, releaseRecordText(result));
      log.info(`release record: ${recordFile}`);
    });
    renderReleaseSummary(summary, result, 'rollback');
    const outputs = releaseOutputs(result, recordFile, inputs['app-url']);
    const ok = result.outcome === 'succeeded' || result.outcome === 'unchanged';
    await deployment?.finish(ok ? 'success' : 'failure', {
      environmentUrl: outputs['app-url'],
      description: `rollback to ${shortImage(outputs.image)}: ${result.outcome}`,
    });
    return ok ? { outputs } : { outputs, failure: result.error ?? `the rollback ended ${result.outcome}` };
  } catch (thrown) {
    await deployment?.finish('error', { description: 'the rollback stopped with an error' });
    throw thrown;
  } finally {
    await client.close();
  }
}

async function loadRecord(path: string): Promise<ReleaseRecord> {
  try {
    return await readReleaseRecord(path);
  } catch (thrown) {
    throw new InputError(
      'record-file',
      `Input 'record-file' (${path}) is not a shipgate release record: ${errorMessage(thrown)}`,
    );
  }
}
