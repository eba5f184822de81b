// The canary analysis on the Fly sandbox: how many probe requests (and how long at the default probe rate)
// it takes to catch a canary with 2 % errors and one 300 ms slower, and how often it aborts a canary that
// is identical to its baseline. Two machines of a real app behind the sandbox's proxy, each request pinned
// to one with fly-force-instance-id, exactly as canary-promote probes. The reference is the policy's own
// minimum: min-samples requests per side, the least any decision needs, timed against two identical machines
// in the same process.
import { deploy, FlyClient, type MachineConfig } from '../packages/fly/src/index';
import { silentLogger } from '../packages/kit/src/index';
import {
  analyseCanary,
  appendSamples,
  type CanaryPolicy,
  copySamples,
  defaultCanaryPolicy,
  sampleCanary,
} from '../packages/probe/src/canary/index';
import { startFlySandbox } from '../packages/sandbox/src/index';
import { median, ms, ratio } from './stats';

const batch = 10;
const maxRequests = 3000;
const detectionRuns = 10;
const identicalRuns = 50;
/** canary-promote's default probe-rate: requests per second to each side. */
const defaultProbeRate = 5;

const config: MachineConfig = {
  image: 'registry.fly.io/shop-app:v1',
  services: [
    {
      protocol: 'tcp',
      internal_port: 3000,
      ports: [{ port: 80, handlers: ['http'] }],
      checks: [{ type: 'http', path: '/healthz', grace_period: '1s', interval: '1s', timeout: '1s' }],
    },
  ],
};

interface Detection {
  requests: number;
  wallMs: number;
  reason: string;
}

/** Samples in batches until the analysis aborts (or maxRequests per side): requests per side and time. */
async function detect(
  appUrl: string,
  canary: string,
  baseline: string,
  policy: CanaryPolicy,
): Promise<Detection | undefined> {
  const sides = { canary: copySamples(), baseline: copySamples() };
  const started = performance.now();
  while (sides.canary.requests < maxRequests) {
    const more = await sampleCanary({
      baseUrl: appUrl,
      paths: ['/', '/version'],
      canaryMachines: [canary],
      baselineMachines: [baseline],
      requests: batch,
      concurrency: 4,
    });
    appendSamples(sides.canary, more.canary);
    appendSamples(sides.baseline, more.baseline);
    const verdict = analyseCanary(sides.canary, sides.baseline, policy, 0);
    if (verdict.decision === 'abort') {
      return {
        requests: sides.canary.requests,
        wallMs: performance.now() - started,
        reason: verdict.reasons[0] ?? '',
      };
    }
  }
  return undefined;
}

export async function canaryBench(): Promise<{ markdown: string }> {
  const sandbox = await startFlySandbox({ timeScale: 0.05 });
  const api = new FlyClient({ token: sandbox.token, baseUrl: sandbox.apiUrl });
  const log = silentLogger;
  let apps = 0;
  /** An app of two machines on v1; the first then runs `tag` with `env`: the canary. */
  const pair = async (tag: string, env: Record<string, string> = {}) => {
    const app = `bench-canary-${++apps}`;
    const ids = [...(await sandbox.createApp(app, { machines: 2, image: config.image, config }))].sort();
    if (tag !== 'v1') {
      const record = await deploy(
        api,
        {
          app,
          image: `registry.fly.io/shop-app:${tag}`,
          env,
          strategy: 'rolling',
          onlyMachines: [ids[0]!],
          waitTimeoutMs: 30_000,
          healthPollMs: 50,
        },
        { log },
      );
      if (record.outcome !== 'succeeded') throw new Error(`canary ${tag} did not start: ${record.error}`);
    }
    return { appUrl: sandbox.appUrl(app), canary: ids[0]!, baseline: ids[1]! };
  };

  try {
    const policy = defaultCanaryPolicy;
    // Reference: the minimum sample between two identical machines.
    const same = await pair('v1');
    const referenceMs: number[] = [];
    for (let run = 0; run < 5; run++) {
      const started = performance.now();
      await sampleCanary({
        baseUrl: same.appUrl,
        paths: ['/', '/version'],
        canaryMachines: [same.canary],
        baselineMachines: [same.baseline],
        requests: policy.minSamples,
        concurrency: 4,
      });
      referenceMs.push(performance.now() - started);
    }
    const reference = median(referenceMs);

    const statisticsOnly: CanaryPolicy = { ...policy, maxErrorRate: 1, maxP95Ms: 3_600_000 };
    const scenarios: Array<{ name: string; tag: string; env: Record<string, string>; policy: CanaryPolicy }> =
      [
        { name: '2 % errors', tag: 'flaky-bench', env: { FLAKY_RATE: '0.02' }, policy },
        {
          name: '2 % errors, tests only (no absolute limits)',
          tag: 'flaky-bench',
          env: { FLAKY_RATE: '0.02' },
          policy: statisticsOnly,
        },
        { name: '+300 ms latency', tag: 'slow-bench', env: { SLOW_MS: '300' }, policy },
      ];
    const rows: string[] = [];
    for (const scenario of scenarios) {
      const detections: Detection[] = [];
      let missed = 0;
      for (let run = 0; run < detectionRuns; run++) {
        const target = await pair(scenario.tag, scenario.env);
        const found = await detect(target.appUrl, target.canary, target.baseline, scenario.policy);
        if (found) detections.push(found);
        else missed++;
      }
      const requests = median(detections.map((d) => d.requests));
      const wall = median(detections.map((d) => d.wallMs));
      const why = detections[0]?.reason.replace(/\|/g, '\\|') ?? '—';
      rows.push(
        `| ${scenario.name} | ${detections.length} of ${detectionRuns} | ${requests} | ${ratio(requests / policy.minSamples)} | ${ms(wall)} | ${Math.ceil(requests / defaultProbeRate)} s | ${why.slice(0, 140)}${why.length > 140 ? '…' : ''} |`,
      );
      if (missed > 0)
        rows.push(`| (${missed} runs reached ${maxRequests} requests per side undecided) | | | | | | |`);
    }

    // False aborts: identical releases, each run one step's analysis on 2 × min-samples per side.
    let aborts = 0;
    const reasons: string[] = [];
    for (let run = 0; run < identicalRuns; run++) {
      const target = run % 10 === 0 ? await pair('v1') : same;
      const sampled = await sampleCanary({
        baseUrl: target.appUrl,
        paths: ['/', '/version'],
        canaryMachines: [target.canary],
        baselineMachines: [target.baseline],
        requests: 2 * policy.minSamples,
        concurrency: 4,
      });
      const verdict = analyseCanary(sampled.canary, sampled.baseline, policy, 0);
      if (verdict.decision === 'abort') {
        aborts++;
        reasons.push(verdict.reasons[0] ?? '');
      }
    }

    const markdown = [
      `Two machines of one app on the sandbox, the canary and the baseline, probed through the proxy as canary-promote does (one request per connection, 4 in flight, paths / and /version), with the default policy: confidence ${policy.confidence} (each test at α = ${Number(((1 - policy.confidence) / 2).toPrecision(2))}), min-samples ${policy.minSamples}, max error rate ${policy.maxErrorRate * 100} %, latency margin ${policy.latencyMarginMs} ms. The analysis runs after every ${batch} requests per side until it aborts; median of ${detectionRuns} runs, each on a fresh pair. The reference is min-samples requests per side between two identical machines: ${ms(reference)} here. "At 5/s" is the bake the same number of requests takes at canary-promote's default probe-rate.`,
      '',
      '| canary | caught | requests per side (median) | × min-samples | time here | at 5/s | first reason |',
      '| --- | --- | --- | --- | --- | --- | --- |',
      ...rows,
      '',
      `**False aborts:** ${aborts} of ${identicalRuns} runs (${((aborts / identicalRuns) * 100).toFixed(0)} %) of two identical releases, each analysed once on ${2 * policy.minSamples} requests per side (aim: under 5 %; by design at most ${((1 - policy.confidence) * 100).toFixed(0)} % per step).${reasons.length > 0 ? ` Why: ${reasons.map((reason) => reason.replace(/\|/g, '\\|')).join('; ')}.` : ''}`,
    ].join('\n');
    return { markdown };
  } finally {
    await api.close();
    await sandbox.close();
  }
}
