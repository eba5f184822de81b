import {
  cancellation,
  createClient,
  type DeployRequest,
  deploy,
  machineConfigs,
  parseEnvLines,
  parseMemoryInput,
  readFlyToml,
  recordPath,
  releaseCommandConfig,
  releaseOutputs,
  renderReleaseSummary,
  rolloutInputs,
  shortImage,
} from '@shipgate/fly';
import { recordGitHubDeployment } from '@shipgate/github/deployment';
import type { ActionContext, ActionResult, Inputs } from '@shipgate/kit';
import type { flyDeployInputs } from './inputs';

type DeployInputs = Inputs<typeof flyDeployInputs>;

/** Wires fly-deploy's inputs and fly.toml to the deploy engine, and its record to a file, outputs and the summary. */
export async function deployAction(
  inputs: DeployInputs,
  token: string,
  context: ActionContext,
): Promise<ActionResult> {
  const { log, summary } = context;
  const apiUrl = inputs['api-url'];
  const flyToml = await readFlyToml(inputs.config, context);
  const { app, image, maxUnavailable, waitTimeoutMs, settings } = rolloutInputs(inputs, flyToml);
  const request: DeployRequest = {
    app,
    image,
    strategy: inputs.strategy ?? settings?.strategy ?? 'rolling',
    maxUnavailable,
    waitTimeoutMs,
    autoRollback: inputs['auto-rollback'],
  };
  if (flyToml) request.groups = machineConfigs(flyToml.config);
  if (inputs.env) request.env = parseEnvLines('env', inputs.env);
  const group = inputs['process-group'];
  const guest = guestOverride(inputs);
  if (guest) request.guest = { [group]: guest };
  if (inputs.count !== undefined) {
    const primary = flyToml?.config.primary_region;
    request.scale = {
      group,
      count: inputs.count,
      regions: inputs.regions.length > 0 ? inputs.regions : primary ? [primary] : [],
    };
  }
  if (flyToml?.config.primary_region) request.primaryRegion = flyToml.config.primary_region;
  if (settings?.releaseCommand && inputs['release-command'] === 'run' && flyToml) {
    request.releaseCommand = {
      command: settings.releaseCommand,
      timeoutMs: settings.releaseCommandTimeoutMs,
      config: releaseCommandConfig(
        flyToml.config,
        image,
        settings.releaseCommand,
        settings.releaseCommandGuest,
      ),
    };
  }

  log.info(`deploying ${image} to ${app} (${request.strategy}) through ${apiUrl}`);
  const deployment = await recordGitHubDeployment(inputs, context, {
    environment: inputs['github-environment'] ?? app,
    description: `${shortImage(image)} to ${app} (${request.strategy})`,
    payload: { app, image, strategy: request.strategy },
  });
  const client = createClient(token, apiUrl, context);
  try {
    const record = await deploy(client, request, { log, signal: cancellation(context) });
    const recordFile = await recordPath(inputs['record-file'], record, context);
    renderReleaseSummary(summary, record, 'fly-deploy');
    const outputs = releaseOutputs(record, recordFile, inputs['app-url']);
    const ok = record.outcome === 'succeeded' || record.outcome === 'unchanged';
    await deployment?.finish(ok ? 'success' : 'failure', {
      environmentUrl: String(outputs['app-url']),
      description: `${shortImage(image)}: ${record.outcome}`,
    });
    return ok ? { outputs } : { outputs, failure: record.error ?? `the deploy ended ${record.outcome}` };
  } catch (thrown) {
    await deployment?.finish('error', { description: 'the deploy stopped with an error' });
    throw thrown;
  } finally {
    await client.close();
  }
}

function guestOverride(inputs: DeployInputs) {
  const guest: { memoryMb?: number; cpus?: number; cpuKind?: string } = {};
  if (inputs.memory) guest.memoryMb = parseMemoryInput('memory', inputs.memory);
  if (inputs.cpus !== undefined) guest.cpus = inputs.cpus;
  if (inputs['cpu-kind']) guest.cpuKind = inputs['cpu-kind'];
  return Object.keys(guest).length > 0 ? guest : undefined;
}
