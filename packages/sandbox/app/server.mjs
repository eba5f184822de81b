// The sample shop app's stand-in, run by the Fly sandbox as a machine's process (plain Node, no deps).
// The image tag picks the behaviour:
//   any tag         GET / (HTML naming the version = the tag), GET /healthz, GET /version, GET /metrics
//   unhealthy*      /healthz answers 503, so health checks fail
//   flaky*          a share of all requests (FLAKY_RATE, default 0.3) answers 500
//   slow*           every answer but /healthz comes SLOW_MS (default 300) later
//   crash*          exits 1 right after start
//   (unpullable* never reaches this process: the sandbox's platform fails to pull it)
// With RELEASE_COMMAND_SIM set (init.cmd with restart policy "no"), the process stands for a release
// command instead of serving: it waits for the sandbox's "run" message, then exits 0, or 1 when the
// command contains "fail".
import { createServer } from 'node:http';

const env = process.env;
const imageRef = env.FLY_IMAGE_REF ?? '';
const version = tagOf(imageRef);
const machine = env.FLY_MACHINE_ID ?? 'unknown';
const app = env.FLY_APP_NAME ?? 'app';
const region = env.FLY_REGION ?? '';

// The sandbox holds the other end of the IPC channel: when it goes away, so do we.
process.on('disconnect', () => process.exit(0));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(0));

function tagOf(ref) {
  const name = ref.split('@')[0] ?? '';
  const lastSlash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  return colon > lastSlash ? name.slice(colon + 1) : 'latest';
}

function send(message) {
  if (process.send && process.connected) process.send(message);
}

if (env.RELEASE_COMMAND_SIM) {
  const command = env.RELEASE_COMMAND_SIM;
  send({ type: 'ready' });
  process.on('message', (message) => {
    if (message?.type !== 'run') return;
    console.log(`running release command: ${command}`);
    const code = command.includes('fail') ? 1 : 0;
    console.log(code === 0 ? 'release command succeeded' : 'release command failed');
    process.exit(code);
  });
} else if (version.startsWith('crash')) {
  console.error(`${app} ${version}: crashing on purpose`);
  process.exit(1);
} else {
  serve();
}

function serve() {
  const flakyRate = Number(env.FLAKY_RATE ?? '0.3');
  const flaky = version.startsWith('flaky');
  const unhealthy = version.startsWith('unhealthy');
  const slow = version.startsWith('slow');
  const slowMs = Number(env.SLOW_MS ?? '300');
  const metrics = requestMetrics();
  const server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (path === '/metrics') {
      // Never flaky and never counted, as a scrape on Fly's separate metrics port would be.
      return reply(response, 200, 'text/plain; version=0.0.4; charset=utf-8', metrics.exposition());
    }
    metrics.observe(response, path);
    // The health check stays quick, as a /healthz that does not touch the database would.
    if (slow && path !== '/healthz') setTimeout(() => answer(response, path), slowMs);
    else answer(response, path);
  });
  const answer = (response, path) => {
    response.setHeader('x-app-version', version);
    response.setHeader('x-machine-id', machine);
    if (flaky && Math.random() < flakyRate) {
      return reply(response, 500, 'text/plain', 'flaky failure\n');
    }
    if (path === '/healthz') {
      return unhealthy
        ? reply(response, 503, 'application/json', JSON.stringify({ status: 'unhealthy', version, machine }))
        : reply(response, 200, 'application/json', JSON.stringify({ status: 'ok', version, machine }));
    }
    if (path === '/version') {
      return reply(response, 200, 'application/json', JSON.stringify({ version, machine, app, region }));
    }
    if (path === '/env') {
      // Names only, never values: lets tests see which secrets a process was started with.
      return reply(response, 200, 'application/json', JSON.stringify({ names: Object.keys(env).sort() }));
    }
    if (path === '/') {
      return reply(
        response,
        200,
        'text/html; charset=utf-8',
        `<!doctype html><html><head><title>${app}</title></head><body><h1>${app}</h1>` +
          `<p>version <span id="version">${escapeHtml(version)}</span></p>` +
          `<p>machine <span id="machine">${machine}</span> in ${escapeHtml(region)}</p></body></html>\n`,
      );
    }
    return reply(response, 404, 'text/plain', 'not found\n');
  };
  server.listen(Number(env.PORT), '127.0.0.1', () => send({ type: 'ready' }));
}

// Prometheus text exposition, by hand (no dependency): a request counter by path and status, and a
// request-duration histogram. Fly adds `app`, `instance` and `region` when it scrapes, so they are not here.
function requestMetrics() {
  const durationBuckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
  const countedPaths = new Set(['/', '/healthz', '/version', '/env']);
  const requests = new Map();
  const bucketCounts = durationBuckets.map(() => 0);
  let durationCount = 0;
  let durationSum = 0;
  return {
    observe(response, path) {
      const started = process.hrtime.bigint();
      response.on('finish', () => {
        const seconds = Number(process.hrtime.bigint() - started) / 1e9;
        const key = `path="${countedPaths.has(path) ? path : 'other'}",status="${response.statusCode}"`;
        requests.set(key, (requests.get(key) ?? 0) + 1);
        durationBuckets.forEach((bound, index) => {
          if (seconds <= bound) bucketCounts[index]++;
        });
        durationCount++;
        durationSum += seconds;
      });
    },
    exposition() {
      const lines = [
        '# HELP http_requests_total HTTP requests answered, by path and status.',
        '# TYPE http_requests_total counter',
        ...[...requests].map(([labels, count]) => `http_requests_total{${labels}} ${count}`),
        '# HELP http_request_duration_seconds Time from request to the end of the response.',
        '# TYPE http_request_duration_seconds histogram',
        ...durationBuckets.map(
          (bound, index) => `http_request_duration_seconds_bucket{le="${bound}"} ${bucketCounts[index]}`,
        ),
        `http_request_duration_seconds_bucket{le="+Inf"} ${durationCount}`,
        `http_request_duration_seconds_sum ${durationSum}`,
        `http_request_duration_seconds_count ${durationCount}`,
      ];
      return `${lines.join('\n')}\n`;
    },
  };
}

function reply(response, status, type, body) {
  response.writeHead(status, { 'content-type': type });
  response.end(body);
}

function escapeHtml(text) {
  return String(text).replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
