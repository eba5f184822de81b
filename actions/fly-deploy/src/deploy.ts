import {
  cancellation,
  createClient,
  type DeployRequest,
  defaultRecordPath,
  deploy,
  machineConfigs,
  readFlyToml,
  releaseCommandConfig,
  releaseOutputs,
  releaseRecordText,
  renderReleaseSummary,
  resolveRollout,
  shortImage,
  unknownProcessGroup,
} from '@shipgate/fly';
import { startRunDeployment } from '@shipgate/github/deployment';
import { type ActionContext, type ActionResult, InputError, type Inputs } from '@shipgate/kit';
import type { flyDeployInputs, flyDeployOutputs } from './inputs';

type DeployInputs = Inputs<typeof flyDeployInputs>;

/** Wires fly-deploy's inputs and fly.toml to the deploy engine, and its record to a file, outputs and the summary. */
export async function deployAction(
  inputs: DeployInputs,
  token: string,
  context: ActionContext,
): Promise<ActionResult<typeof flyDeployOutputs>> {
  const { log, summary, run } = context;
  const apiUrl = inputs['fly-api-url'];
  const flyToml = inputs.config
    ? await readFlyToml(inputs.config, run.workspace, log, "input 'config'")
    : undefined;
  const { app, image, maxUnavailable, waitTimeoutMs, settings } = resolveRollout(
    {
      app: inputs.app,
      image: inputs.image,
      maxUnavailable: inputs['max-unavailable'],
      waitTimeoutMs: inputs['wait-timeout'],
    },
    flyToml,
  );
  if (!app) throw new InputError('app', "Input 'app' is required: no fly.toml names the app.");
  if (!image) {
    throw new InputError('image', "Input 'image' is required: the fly.toml has no [build] image to deploy.");
  }
  const request: DeployRequest = {
    app,
    image,
    strategy: inputs.strategy ?? settings?.strategy ?? 'rolling',
    maxUnavailable,
    waitTimeoutMs,
    autoRollback: inputs['auto-rollback'],
  };
  if (flyToml) request.groups = machineConfigs(flyToml.config);
  if (inputs.env) request.env = inputs.env;
  const group = inputs['process-group'];
  const guest = guestOverride(inputs);
  const unknownGroup = flyToml && unknownProcessGroup(flyToml, group);
  if (unknownGroup && (guest || inputs.count !== undefined)) {
    throw new InputError('process-group', `Input 'process-group' ${unknownGroup}`);
  }
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
  const deployment = await startRunDeployment({
    environment: inputs['github-environment'],
    token: inputs['github-token'],
    apiUrl: run.apiUrl,
    run,
    commit: inputs.commit,
    description: `${shortImage(image)} to ${app} (${request.strategy})`,
    payload: { app, image, strategy: request.strategy },
    log,
  });
  const client = createClient(token, apiUrl, log);
  try {
    const record = await context.phase(`Deploying ${shortImage(image)} to ${app} (${request.strategy})`, () =>
      deploy(client, request, { log, signal: cancellation(context.signal, log) }),
    );
    const recordFile = inputs['record-file'] ?? defaultRecordPath(record, run.temp);
    await context.phase('Release record', async () => {
      await context.writeFile(recordFile, releaseRecordText(record));
      log.info(`release record: ${recordFile}`);
    });
    renderReleaseSummary(summary, record, 'fly-deploy');
    const outputs = releaseOutputs(record, recordFile, inputs['app-url']);
    const ok = record.outcome === 'succeeded' || record.outcome === 'unchanged';
    await deployment?.finish(ok ? 'success' : 'failure', {
      environmentUrl: outputs['app-url'],
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
  if (inputs.memory !== undefined) guest.memoryMb = inputs.memory;
  if (inputs.cpus !== undefined) guest.cpus = inputs.cpus;
  if (inputs['cpu-kind']) guest.cpuKind = inputs['cpu-kind'];
  return Object.keys(guest).length > 0 ? guest : undefined;
}
