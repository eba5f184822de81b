import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { rootCertificates } from 'node:tls';
import { type ActionContext, type ActionResult, InputError, type Inputs } from '@shipgate/kit';
import {
  type Check,
  type CheckDefaults,
  checksForPaths,
  headerEnvironment,
  loadChecks,
  type ProbeReport,
  parseHeaderLines,
  parseHeaderOrigins,
  runProbe,
  sharedHeaderOrigins,
  toJUnit,
} from '@shipgate/probe';
import type { smokeTestInputs, smokeTestOutputs } from './inputs';
import { plural, renderSummary } from './summary';

type SmokeInputs = Inputs<typeof smokeTestInputs>;

/** Step outputs share a 1 MB budget per job; past this the output drops the attempts (the file keeps them). */
const reportOutputLimit = 256 * 1024;

/** Wires smoke-test's inputs to the probe, and its report to files, outputs, annotations and the summary. */
export async function smoke(
  inputs: SmokeInputs,
  context: ActionContext,
): Promise<ActionResult<typeof smokeTestOutputs>> {
  const { log, run, summary, mask } = context;
  const baseUrl = inputs['base-url'];
  const headers = inputs.headers ? parseHeaderLines(inputs.headers, "Input 'headers'") : {};
  const headerOrigins = parseHeaderOrigins(inputs['header-origins']);
  const env = headerEnvironment(inputs['header-env'], process.env);
  // A variable listed for headers is there to carry a secret, as is every value of input 'headers'.
  const secrets = [...Object.values(headers), ...Object.values(env).filter((value) => !!value)] as string[];
  for (const value of secrets) mask(value);

  const defaults: CheckDefaults = {
    headers,
    headerOrigins,
    followRedirects: inputs['follow-redirects'],
    maxRedirects: inputs['max-redirects'],
    timeoutMs: inputs['timeout-ms'],
    tlsMinDays: inputs['tls-min-days'],
    env,
    ...(baseUrl ? { baseUrl } : {}),
    ...(inputs.machine ? { machine: inputs.machine } : {}),
  };
  const checksFile = inputs['checks-file'];
  const checks = await loadChecks(
    {
      paths: inputs.paths,
      ...(inputs.checks ? { inline: inputs.checks } : {}),
      ...(checksFile
        ? {
            file: {
              path: resolve(run.workspace, checksFile),
              label: `${relativeLabel(run.workspace, checksFile)} (input 'checks-file')`,
            },
          }
        : {}),
    },
    defaults,
  );
  // A token written in a checks file (or passed through ${NAME}) is as secret as one in input 'headers'.
  for (const check of checks) {
    for (const name of check.secretHeaders) {
      const value = check.headers[name]!;
      if (!secrets.includes(value)) {
        mask(value);
        secrets.push(value);
      }
    }
  }
  const ready = readyTarget(inputs, checks, defaults);
  if (Object.keys(headers).length > 0) {
    const shared = sharedHeaderOrigins(baseUrl, headerOrigins);
    const targets = [...checks, ...(ready ? [ready.check] : [])].map((check) => new URL(check.url).origin);
    const elsewhere = [...new Set(targets)].filter((origin) => !shared.has(origin));
    if (elsewhere.length > 0) {
      log.info(
        `Input 'headers' is not sent to ${elsewhere.join(', ')}: only to base-url's origin and those listed in input 'header-origins'.`,
      );
    }
  }
  const ca = inputs['ca-file']
    ? await trustedCertificates(resolve(run.workspace, inputs['ca-file']))
    : undefined;

  const report = await runProbe({
    checks,
    repeat: inputs.repeat,
    maxBodyBytes: inputs['max-body-bytes'],
    logger: log,
    secrets,
    ...(ready ? { ready } : {}),
    ...(ca ? { ca } : {}),
  });

  const junitFile = resolve(run.workspace, inputs['junit-file'] ?? join(run.temp, 'smoke-test.junit.xml'));
  const reportFile = resolve(run.workspace, inputs['report-file'] ?? join(run.temp, 'smoke-test.json'));
  const json = JSON.stringify(report, null, 2);
  await context.phase('Report', async () => {
    await context.writeFile(reportFile, `${json}\n`);
    await context.writeFile(junitFile, toJUnit(report));
    log.info(`JSON report: ${reportFile}`);
    log.info(`JUnit XML: ${junitFile}`);
  });

  for (const check of report.checks) {
    if (check.passed) continue;
    log.error(`${check.method} ${check.url}: ${check.reason}`, { title: `smoke-test: ${check.name}` });
  }
  renderSummary(summary, report, baseUrl);

  const outputs = {
    passed: report.counts.passed,
    failed: report.counts.failed,
    'p95-ms': report.latency ? String(Math.round(report.latency.p95)) : '',
    'ready-ms': report.ready?.ready ? String(Math.round(report.ready.ms)) : '',
    report: json.length > reportOutputLimit ? withoutAttempts(report) : report,
    'report-file': reportFile,
    'junit-file': junitFile,
  };
  if (report.passed) return { outputs };
  const names = report.checks.filter((check) => !check.passed).map((check) => check.name);
  return {
    outputs,
    failure: `${report.counts.failed} of ${plural(report.counts.checks, 'check')} failed: ${names.join(', ')}`,
  };
}

/** What to poll before measuring: `ready-path`, else the first check that is safe to repeat. */
function readyTarget(inputs: SmokeInputs, checks: Check[], defaults: CheckDefaults) {
  const timeoutMs = inputs['ready-timeout'] * 1000;
  if (timeoutMs === 0) return undefined;
  const readyPath = inputs['ready-path'];
  if (readyPath) {
    const [check] = checksForPaths([readyPath], defaults, "Input 'ready-path'");
    return { check: check!, timeoutMs };
  }
  const check = checks.find((candidate) => candidate.method === 'GET' || candidate.method === 'HEAD');
  return check ? { check, timeoutMs } : undefined;
}

/**
 * The system's roots, NODE_EXTRA_CA_CERTS (which Node drops once `ca` is given) and the file's certificates.
 */
async function trustedCertificates(file: string): Promise<string[]> {
  const own = await readFile(file, 'utf8').catch((thrown: NodeJS.ErrnoException) => {
    throw new InputError(
      'ca-file',
      `Input 'ca-file': cannot read ${file} (${thrown.code ?? thrown.message}).`,
    );
  });
  if (!own.includes('-----BEGIN CERTIFICATE-----')) {
    throw new InputError('ca-file', `Input 'ca-file': ${file} holds no PEM certificate.`);
  }
  const extraPath = process.env.NODE_EXTRA_CA_CERTS;
  const extra = extraPath ? await readFile(extraPath, 'utf8').catch(() => '') : '';
  return [...rootCertificates, ...(extra ? [extra] : []), own];
}

function relativeLabel(workspace: string, path: string): string {
  const label = relative(workspace, resolve(workspace, path)).split('\\').join('/');
  return label.startsWith('..') ? path : label;
}

function withoutAttempts(report: ProbeReport): object {
  return {
    ...report,
    checks: report.checks.map(({ attempts: _attempts, ...check }) => check),
    attemptsOmitted: true,
  };
}
