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
  machineConfigs,
  parseDuration,
  parseTimeout,
  readFlyToml,
  recordPath,
  rolloutInputs,
  shortImage,
} from '@shipgate/fly';
import { recordGitHubDeployment } from '@shipgate/github/deployment';
import { type ActionContext, type ActionResult, InputError, type Inputs } from '@shipgate/kit';
import { parseHeaderLines } from '@shipgate/probe';
import {
  type CanaryPolicy,
  canaryPolicySchema,
  evaluatePrometheusChecks,
  parsePrometheusChecks,
  prometheusVerdict,
} from '@shipgate/probe/canary';
import type { canaryPromoteInputs } from './inputs';

type PromoteInputs = Inputs<typeof canaryPromoteInputs>;

/** Wires canary-promote's inputs to the promotion engine, and its record to a file, outputs and the summary. */
export async function promoteAction(
  inputs: PromoteInputs,
  token: string,
  context: ActionContext,
): Promise<ActionResult> {
  const { log, summary } = context;
  const flyToml = await readFlyToml(inputs.config, context);
  const { app, image, maxUnavailable, waitTimeoutMs } = rolloutInputs(inputs, flyToml);
  const bakeMs = parseTimeout('bake', inputs.bake);
  const plan = parsePlanEntries(inputs.steps, (text) => parseTimeout('steps', text));
  try {
    // The plan's shape, before any machine is listed: a typo fails here, not after the first step.
    planSteps(plan, 100, bakeMs);
  } catch (error) {
    throw new InputError('steps', `Input 'steps': ${(error as Error).message}.`);
  }
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
  const deployment = await recordGitHubDeployment(inputs, context, {
    environment: inputs['github-environment'] ?? app,
    description: `${shortImage(image)} to ${app} (canary ${inputs.steps})`,
    payload: { app, image, strategy: 'canary', steps: inputs.steps },
  });
  const client = createClient(token, inputs['api-url'], context);
  try {
    let result: Awaited<ReturnType<typeof promoteCanary>>;
    try {
      result = await promoteCanary(client, request, { log, signal: cancellation(context) });
    } catch (error) {
      if (error instanceof CanaryRequestError) {
        await deployment?.finish('failure', { description: 'nothing to promote on' });
        return { outputs: {}, failure: error.message };
      }
      throw error;
    }
    const { record, decision } = result;
    const recordFile = await recordPath(inputs['record-file'], record, context);
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

function policyFrom(inputs: PromoteInputs): CanaryPolicy {
  const confidence = Number(inputs.confidence);
  if (!/^0?\.\d+$/.test(inputs.confidence.trim()) || !(confidence >= 0.5 && confidence < 1)) {
    throw new InputError(
      'confidence',
      `Input 'confidence' must be a number from 0.5 to below 1 (e.g. 0.99); got '${inputs.confidence}'.`,
    );
  }
  const burst = /^\s*(\d+)\s+in\s+(\d+)\s*$/.exec(inputs.burst);
  if (!burst || Number(burst[1]) < 1 || Number(burst[1]) > Number(burst[2])) {
    throw new InputError(
      'burst',
      `Input 'burst' must read '<errors> in <requests>' with errors from 1 up to requests (e.g. 5 in 10); got '${inputs.burst}'.`,
    );
  }
  return canaryPolicySchema.parse({
    confidence,
    minSamples: inputs['min-samples'],
    maxErrorRate: parseRate('max-error-rate', inputs['max-error-rate']),
    maxP95Ms: parseLatency('max-p95', inputs['max-p95'], false),
    latencyMarginMs: parseLatency('latency-margin', inputs['latency-margin'], true),
    burst: { errors: Number(burst[1]), window: Number(burst[2]) },
    maxExtensions: inputs['max-extensions'],
  });
}

/** `1%`, `0.5%` or a fraction `0.01`. */
function parseRate(name: string, raw: string): number {
  const text = raw.trim();
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(text);
  const value = percent ? Number(percent[1]) / 100 : /^\d*\.?\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= 0 && value <= 1)) {
    throw new InputError(
      name,
      `Input '${name}' must be a percentage (1%) or a fraction (0.01) from 0 to 1; got '${raw}'.`,
    );
  }
  return value;
}

function parseLatency(name: string, raw: string, zeroAllowed: boolean): number {
  let ms: number;
  try {
    ms = parseDuration(raw.trim());
  } catch {
    ms = Number.NaN;
  }
  if (!(ms > 0 || (zeroAllowed && ms === 0)) || ms > 3_600_000) {
    throw new InputError(name, `Input '${name}' must be a duration such as 800ms or 5s; got '${raw}'.`);
  }
  return ms;
}

async function prometheusSource(inputs: PromoteInputs): Promise<MetricsSource | undefined> {
  const url = inputs['prometheus-url'];
  const text = inputs['prometheus-queries'];
  if (!text) {
    if (url)
      throw new InputError(
        'prometheus-queries',
        "Input 'prometheus-url' is set but 'prometheus-queries' is empty.",
      );
    return undefined;
  }
  if (!url) throw new InputError('prometheus-url', "Input 'prometheus-queries' needs 'prometheus-url'.");
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
