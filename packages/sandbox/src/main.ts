// `npm run sandbox`: the Fly and GitHub sandboxes as a command, for trying shipgate by hand with curl or
// the CLI.
import { parseArgs } from 'node:util';
import { startGitHubSandbox } from './github/sandbox';
import { parseAppSeed } from './main-args';
import { startFlySandbox } from './sandbox';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4280' },
      token: { type: 'string' },
      'time-scale': { type: 'string', default: '1' },
      app: { type: 'string', multiple: true },
      verbose: { type: 'boolean', default: false },
      'github-port': { type: 'string', default: '4281' },
      'github-token': { type: 'string' },
    },
  });
  const port = Number(values.port);
  const timeScale = Number(values['time-scale']);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new Error(`--port ${values.port}: not a port`);
  const gitHubPort = Number(values['github-port']);
  if (!Number.isInteger(gitHubPort) || gitHubPort < 0 || gitHubPort > 65_535)
    throw new Error(`--github-port ${values['github-port']}: not a port`);
  if (!(timeScale > 0)) throw new Error(`--time-scale ${values['time-scale']}: expected a positive number`);
  const seeds = (values.app ?? ['shop-app-staging:2:registry.fly.io/shop-app:v1']).map(parseAppSeed);

  const sandbox = await startFlySandbox({
    port,
    timeScale,
    ...(values.token ? { token: values.token } : {}),
    ...(values.verbose ? { log: (line: string) => console.log(`  ${line}`) } : {}),
  });
  const github = await startGitHubSandbox({
    port: gitHubPort,
    ...(values['github-token'] ? { token: values['github-token'] } : {}),
    ...(values.verbose ? { log: (line: string) => console.log(`  github: ${line}`) } : {}),
  });
  github.addOrganization('shop-co');
  github.addRepository('shop-co', 'shop-app', { environments: ['staging', 'production'] });

  const token = values.token ?? sandbox.token;
  const first = seeds[0]?.name ?? 'shop-app-staging';
  console.log(
    `Fly sandbox API  ${sandbox.apiUrl}  (clients append /v1; FLY_API_HOSTNAME / FLY_FLAPS_BASE_URL)`,
  );
  console.log(
    `token            ${values.token ? '(the one given with --token)' : `${token} (any non-empty token is accepted)`}`,
  );
  console.log(
    `  curl -s -H 'Authorization: Bearer ${values.token ? '$FLY_API_TOKEN' : token}' ${sandbox.apiUrl}/v1/apps/${first}/machines`,
  );
  console.log(
    `  curl -s -X POST ${sandbox.apiUrl}/_sandbox/faults -d '{"method":"POST","path":"/machines/[^/]+$","status":429,"retryAfter":2,"times":1}'`,
  );
  console.log(`  (state: curl -s ${sandbox.apiUrl}/_sandbox/state)`);

  const gitHubToken = values['github-token'] ? '$GITHUB_TOKEN' : github.token;
  console.log(`\nGitHub sandbox   ${github.apiUrl}  (Octokit baseUrl / GITHUB_API_URL)`);
  console.log(
    `token            ${values['github-token'] ? '(the one given with --github-token)' : `${github.token} (any non-empty token is accepted)`}`,
  );
  console.log(
    'seeded           organisation shop-co; repository shop-co/shop-app with environments staging, production',
  );
  console.log(
    `  curl -s -H 'Authorization: Bearer ${gitHubToken}' ${github.apiUrl}/repos/shop-co/shop-app/actions/secrets/public-key`,
  );
  console.log(
    `  (state: curl -s ${github.apiUrl}/_sandbox/github/state; faults: POST ${github.apiUrl}/_sandbox/github/faults)`,
  );

  // The APIs answer from here on. Each app is listed once its machines are started and have passed their
  // first health check, which comes after the check's grace period (5 s × time-scale for the seeded apps).
  console.log(`\nApps (listed when their machines are healthy; Ctrl-C stops everything):`);
  for (const seed of seeds) {
    await sandbox.createApp(seed.name, { machines: seed.machines, image: seed.image });
    console.log(
      `app ${seed.name.padEnd(20)} ${sandbox.appUrl(seed.name)}  (${seed.machines} × ${seed.image})`,
    );
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping machines and servers`);
    void Promise.all([sandbox.close(), github.close()]).then(() => process.exit(0));
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(`sandbox: ${(error as Error).message}`);
  process.exit(1);
});
