import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import {
  cancellation,
  createClient,
  parseMaxUnavailable,
  parseTimeout,
  type ReleaseRecord,
  type RollbackRequest,
  readReleaseRecord,
  recordPath,
  releaseOutputs,
  renderReleaseSummary,
  rollback,
  shortImage,
} from '@shipgate/fly';
import { recordGitHubDeployment } from '@shipgate/github/deployment';
import { type ActionContext, type ActionResult, InputError, type Inputs } from '@shipgate/kit';
import type { rollbackInputs } from './inputs';

type RollbackInputs = Inputs<typeof rollbackInputs>;

/** Wires rollback's inputs to the engine: from a record, from the machines' metadata, or to an image. */
export async function rollbackAction(
  inputs: RollbackInputs,
  token: string,
  context: ActionContext,
): Promise<ActionResult> {
  const { log, summary } = context;
  const apiUrl = inputs['api-url'];
  const record = inputs['record-file'] ? await loadRecord(inputs['record-file'], context) : undefined;
  if (record && inputs.image) {
    throw new InputError('image', "Input 'image' and input 'record-file' exclude each other: give one.");
  }
  const app = inputs.app ?? record?.app;
  if (!app) throw new InputError('app', "Input 'app' is required without a 'record-file'.");
  if (record && record.app !== app) {
    throw new InputError('app', `Input 'app' is ${app} but the record is of a release of ${record.app}.`);
  }
  const request: RollbackRequest = {
    app,
    force: inputs.force,
    strategy: inputs.strategy,
    maxUnavailable: parseMaxUnavailable('max-unavailable', inputs['max-unavailable']),
    waitTimeoutMs: parseTimeout('wait-timeout', inputs['wait-timeout']),
  };
  if (record) request.record = record;
  if (inputs.image) request.image = inputs.image;
  const source = record
    ? `the record of release ${record.id}`
    : inputs.image
      ? `image ${inputs.image}`
      : "the machines' own metadata";
  log.info(`rolling back ${app} from ${source} (${request.strategy}) through ${apiUrl}`);

  const deployment = await recordGitHubDeployment(inputs, context, {
    environment: inputs['github-environment'] ?? app,
    description: `rollback of ${app} (${source})`,
    payload: { app, rollback: true },
  });
  const client = createClient(token, apiUrl, context);
  try {
    const result = await rollback(client, request, { log, signal: cancellation(context) });
    const recordFile = await recordPath(inputs['record-out-file'], result, context);
    renderReleaseSummary(summary, result, 'rollback');
    const outputs = releaseOutputs(result, recordFile, inputs['app-url']);
    const ok = result.outcome === 'succeeded' || result.outcome === 'unchanged';
    await deployment?.finish(ok ? 'success' : 'failure', {
      environmentUrl: String(outputs['app-url']),
      description: `rollback to ${shortImage(String(outputs.image))}: ${result.outcome}`,
    });
    return ok ? { outputs } : { outputs, failure: result.error ?? `the rollback ended ${result.outcome}` };
  } catch (thrown) {
    await deployment?.finish('error', { description: 'the rollback stopped with an error' });
    throw thrown;
  } finally {
    await client.close();
  }
}

async function loadRecord(given: string, context: ActionContext): Promise<ReleaseRecord> {
  const path = isAbsolute(given) ? given : resolve(context.run.workspace, given);
  if (!existsSync(path)) {
    throw new InputError('record-file', `Input 'record-file' names ${given}, which does not exist.`);
  }
  try {
    return await readReleaseRecord(path);
  } catch (thrown) {
    const reason = thrown instanceof Error ? thrown.message : String(thrown);
    throw new InputError(
      'record-file',
      `Input 'record-file' (${given}) is not a shipgate release record: ${reason}`,
    );
  }
}
