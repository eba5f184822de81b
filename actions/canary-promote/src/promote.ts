import {
  type CanaryRequest,
  CanaryRequestError,
  type MetricsSource,
  parsePlanEntries,
  planSteps,
  promoteCanary,
  renderCanarySummary,
} from '@shipgate/canary';
import {
  cancellation,
  compactRecord,
  createClient,
  defaultRecordPath,
  machineConfigs,
  readFlyToml,
  releaseRecordText,
  resolveRollout,
  shortImage,
  unknownProcessGroup,
} from '@shipgate/fly';
import { startRunDeployment } from '@shipgate/github/deployment';
import {
  type ActionContext,
  type ActionResult,
  InputError,
  type Inputs,
  parseDurationText,
} from '@shipgate/kit';
import { parseHeaderLines } from '@shipgate/probe';
import {
  type CanaryPolicy,
  canaryPolicySchema,
  evaluatePrometheusChecks,
  parsePrometheusChecks,
  prometheusVerdict,
} from '@shipgate/probe/canary';
import type { canaryPromoteInputs, canaryPromoteOutputs } from './inputs';

type PromoteInputs = Inputs<typeof canaryPromoteInputs>;

/** Wires canary-promote's inputs to the promotion engine, and its record to a file, outputs and the summary. */
export async function promoteAction(
  inputs: PromoteInputs,
  token: string,
  context: ActionContext,
): Promise<ActionResult<typeof canaryPromoteOutputs>> {
  const { log, summary, run } = context;
  const flyToml = inputs.config
    ? await readFlyToml(inputs.config, run.workspace, log, "input 'config'")
    : undefined;
  const { app, image, maxUnavailable, waitTimeoutMs } = resolveRollout(
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
  const unknownGroup = flyToml && unknownProcessGroup(flyToml, inputs['process-group']);
  if (unknownGroup) throw new InputError('process-group', `Input 'process-group' ${unknownGroup}`);
  const bakeMs = inputs.bake;
  const plan = stepPlan(inputs.steps, bakeMs);
  const headers = inputs.headers ? parseHeaderLines(inputs.headers, "input 'headers'") : undefined;
  for (const value of Object.values(headers ?? {})) context.mask(value);
  const appUrl = inputs['app-url'] ?? `https://${app}.fly.dev`;

  const request: CanaryRequest = {
    app,
    image,
    plan,
    bakeMs,
    group: inputs['process-group'],
    strategy: inputs.strategy,
    maxUnavailable,
    waitTimeoutMs,
    probes: {
      appUrl,
      paths: inputs.paths,
      ratePerSecond: inputs['probe-rate'],
      ...(headers ? { headers } : {}),
    },
    policy: policyFrom(inputs),
  };
  if (flyToml) {
    request.deploy = { groups: machineConfigs(flyToml.config) };
    if (flyToml.config.primary_region) request.deploy.primaryRegion = flyToml.config.primary_region;
  }
  const metrics = await prometheusSource(inputs);
  if (metrics) request.metrics = metrics;

  log.info(`promoting ${image} on ${app} in steps ${inputs.steps}, probing ${appUrl}`);
  const deployment = await startRunDeployment({
    environment: inputs['github-environment'],
    token: inputs['github-token'],
    apiUrl: run.apiUrl,
    run,
    commit: inputs.commit,
    description: `${shortImage(image)} to ${app} (canary ${inputs.steps})`,
    payload: { app, image, strategy: 'canary', steps: inputs.steps },
    log,
  });
  const client = createClient(token, inputs['fly-api-url'], log);
  try {
    let result: Awaited<ReturnType<typeof promoteCanary>>;
    try {
      result = await promoteCanary(client, request, { log, signal: cancellation(context.signal, log) });
    } catch (error) {
      if (error instanceof CanaryRequestError) {
        await deployment?.finish('failure', { description: 'nothing to promote on' });
        return { outputs: {}, failure: error.message };
      }
      throw error;
    }
    const { record, decision } = result;
    const recordFile = inputs['record-file'] ?? defaultRecordPath(record, run.temp);
    await context.phase('Release record', async () => {
      await context.writeFile(recordFile, releaseRecordText(record));
      log.info(`release record: ${recordFile}`);
    });
    renderCanarySummary(summary, record);
    const outputs = {
      decision,
      'step-reached': result.stepReached,
      steps: result.stepCount,
      'release-id': record.id,
      image,
      'previous-image': record.previousImage ?? '',
      'app-url': appUrl,
      'record-file': recordFile,
      record: compactRecord(record),
    };
    const ok = decision === 'promoted' || decision === 'unchanged';
    await deployment?.finish(ok ? 'success' : 'failure', {
      environmentUrl: appUrl,
      description: `${shortImage(image)}: ${decision} at step ${result.stepReached} of ${result.stepCount}`,
    });
    return ok ? { outputs } : { outputs, failure: record.error ?? `the promotion ended ${decision}` };
  } catch (thrown) {
    await deployment?.finish('error', { description: 'the promotion stopped with an error' });
    throw thrown;
  } finally {
    await client.close();
  }
}

/**
 * The step plan, checked for its shape before any machine is listed: a typo fails here, not after the first step.
 * A step's own bake (`25%:10m`) is a duration as every other input takes it.
 */
function stepPlan(steps: string, bakeMs: number) {
  try {
    const plan = parsePlanEntries(steps, (text) => {
      const ms = parseDurationText(text);
      if (ms === undefined || ms < 1000 || ms > 24 * 3_600_000) {
        throw new Error(
          `a step's bake must be a duration such as 90s, 5m or 1h30m, from 1s to 24h; got '${text}'`,
        );
      }
      return ms;
    });
    planSteps(plan, 100, bakeMs);
    return plan;
  } catch (error) {
    throw new InputError('steps', `Input 'steps': ${(error as Error).message}.`);
  }
}

function policyFrom(inputs: PromoteInputs): CanaryPolicy {
  return canaryPolicySchema.parse({
    confidence: inputs.confidence,
    minSamples: inputs['min-samples'],
    maxErrorRate: inputs['max-error-rate'],
    maxP95Ms: inputs['max-p95'],
    latencyMarginMs: inputs['latency-margin'],
    burst: inputs.burst,
    maxExtensions: inputs['max-extensions'],
  });
}

async function prometheusSource(inputs: PromoteInputs): Promise<MetricsSource | undefined> {
  const url = inputs['prometheus-url'];
  const text = inputs['prometheus-queries'];
  // Given together or not at all: the action's check says so before anything runs.
  if (!text || !url) return undefined;
  const checks = await parsePrometheusChecks(text, 'prometheus-queries');
  const token = inputs['prometheus-token'];
  const maxExtensions = inputs['max-extensions'];
  return {
    name: 'Prometheus',
    async evaluate(target, extensionsUsed, signal) {
      const results = await evaluatePrometheusChecks(checks, {
        url,
        ...(token ? { token } : {}),
        vars: target,
        signal,
      });
      return { ...prometheusVerdict(results, extensionsUsed, maxExtensions), results };
    },
  };
}
