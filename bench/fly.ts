// A rolling deploy on the Fly sandbox (real machine processes, every API call delayed, a boot time and a
// health check grace period): how close the wall time comes to the strategy's critical path, and how many
// API calls each machine costs. The reference is a one-machine deploy in the same process with the same
// latencies: it gives the fixed cost (list, leases, release) and one machine's update-to-healthy time.
// Rolling with max-unavailable k over n started machines is a spearhead then ceil((n − 1) / k) rounds, so
// bound(n) = fixed + (1 + ceil((n − 1) / k)) × one machine.
import {
  type DeployRequest,
  deploy,
  FlyClient,
  type MachineConfig,
  maxUnavailableCount,
  type ReleaseRecord,
} from '../packages/fly/src/index';
import { silentLogger } from '../packages/kit/src/index';
import { startFlySandbox } from '../packages/sandbox/src/index';
import { median, ms, ratio } from './stats';

const callLatencyMs = 15;
const bootMs = 300;
const rounds = 3;
const sizes = [1, 5, 10, 20];

const config: MachineConfig = {
  image: 'registry.fly.io/shop-app:v1',
  services: [
    {
      protocol: 'tcp',
      internal_port: 3000,
      ports: [{ port: 80, handlers: ['http'] }],
      checks: [{ type: 'http', path: '/healthz', grace_period: '2s', interval: '1s', timeout: '1s' }],
    },
  ],
};

interface Run {
  wallMs: number;
  calls: number;
  perMachineMs: number[];
}

function machineTimes(record: ReleaseRecord): number[] {
  const times: number[] = [];
  for (const machine of record.machines) {
    const entries = record.timeline.filter((entry) => entry.machineId === machine.id);
    const update = entries.find((entry) => entry.phase === 'update');
    const healthy = entries.find((entry) => entry.phase === 'healthy');
    if (update && healthy) times.push(healthy.at - update.at);
  }
  return times;
}

export async function flyBench(): Promise<{ markdown: string }> {
  const sandbox = await startFlySandbox({ timeScale: 0.1, bootMs });
  sandbox.faults.add({ scope: 'api', latency: callLatencyMs });
  let calls = 0;
  const client = new FlyClient({
    token: sandbox.token,
    baseUrl: sandbox.apiUrl,
    onCall: () => {
      calls += 1;
    },
  });
  const results = new Map<number, Run[]>();
  try {
    for (const size of sizes) {
      const app = `bench-rolling-${size}`;
      await sandbox.createApp(app, { machines: size, image: config.image, config });
      const runs: Run[] = [];
      for (let round = 0; round < rounds; round += 1) {
        const request: DeployRequest = {
          app,
          image: `registry.fly.io/shop-app:v${round % 2 === 0 ? 2 : 1}`,
          strategy: 'rolling',
          maxUnavailable: 0.33,
          waitTimeoutMs: 60_000,
          healthPollMs: 25,
        };
        calls = 0;
        const started = performance.now();
        const record = await deploy(client, request, { log: silentLogger });
        const wallMs = performance.now() - started;
        if (record.outcome !== 'succeeded') throw new Error(`bench deploy of ${size}: ${record.error}`);
        runs.push({ wallMs, calls, perMachineMs: machineTimes(record) });
      }
      results.set(size, runs);
      console.log(`  ${size} machines: ${ms(median(runs.map((run) => run.wallMs)))}`);
    }
  } finally {
    await client.close();
    await sandbox.close();
  }

  const reference = results.get(1) ?? [];
  const oneMachine = median(reference.flatMap((run) => run.perMachineMs));
  const fixed = median(reference.map((run) => run.wallMs)) - oneMachine;
  const rows = sizes.map((size) => {
    const runs = results.get(size) ?? [];
    const wall = median(runs.map((run) => run.wallMs));
    const k = maxUnavailableCount(0.33, size);
    const steps = size === 1 ? 1 : 1 + Math.ceil((size - 1) / k);
    const bound = fixed + steps * oneMachine;
    const callsPerMachine = median(runs.map((run) => run.calls)) / size;
    return `| ${size} | ${k} | ${steps} | ${ms(wall)} | ${ms(bound)} | ${ratio(wall / bound)} | ${callsPerMachine.toFixed(1)} |`;
  });
  const markdown = [
    `Rolling deploys on the Fly sandbox: every API call delayed ${callLatencyMs} ms, machines boot in ${bootMs} ms, a health check with a 200 ms grace period polled every 100 ms; max-unavailable 0.33; median of ${rounds} deploys (v1 → v2 → v1) per size. The reference is the one-machine deploy in the same run: fixed cost ${ms(fixed)}, one machine update → healthy ${ms(oneMachine)}. The bound is fixed + steps × one machine, steps being the spearhead plus ⌈(n − 1) / k⌉ rounds of the pool. Goal: within 1.2× of the bound, and a constant number of calls per machine.`,
    '',
    '| machines | k (max unavailable) | steps | wall time | critical-path bound | wall / bound | API calls per machine |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
  ].join('\n');
  return { markdown };
}
