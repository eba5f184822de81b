import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type FlySandbox, type GitHubSandbox, startFlySandbox, startGitHubSandbox } from '@shipgate/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStep, tempDir } from './harness/index';

// Broken vault files stop secret-mirror before any write, naming file:line and never the value.

const githubToken = 'ghs_sandboxVaultToken7c1e4b';
const flyToken = 'fm2_sandbox_vault_3a9f60';
const secretValue = 'vault-s3cr3t-Value-91d2';

let github: GitHubSandbox;
let fly: FlySandbox;

beforeAll(async () => {
  github = await startGitHubSandbox({ token: githubToken });
  fly = await startFlySandbox({ token: flyToken, timeScale: 0.02 });
});

afterAll(async () => {
  await github?.close();
  await fly?.close();
});

const oversize = 'x'.repeat(48 * 1024 + 1);

const broken: Array<[string, string, string]> = [
  [
    'a line that is no assignment',
    `GOOD=${secretValue}\nsome words ${secretValue}\n`,
    'vault/shop/staging.env:2: is not KEY=value',
  ],
  [
    'a quote never closed',
    `GOOD=1\nBROKEN_QUOTE="${secretValue}\n`,
    'vault/shop/staging.env:2: BROKEN_QUOTE: the double quote opened here is never closed',
  ],
  [
    'a key assigned twice',
    `API_KEY=${secretValue}\nOTHER=1\nAPI_KEY=second\n`,
    'API_KEY is defined twice: at vault/shop/staging.env:1 and at vault/shop/staging.env:3',
  ],
  [
    'a value over 48 KB',
    `BIG=${oversize}\nGOOD=${secretValue}\n`,
    'BIG (vault/shop/staging.env:1): size: longer than 49152 bytes',
  ],
];

describe('secret-mirror with a broken vault file', () => {
  it.each(broken)(
    '%s: exit 1 naming file:line, 0 writes to GitHub or Fly, the value never shown',
    async (_, text, message) => {
      const repo = `vault-${broken.findIndex(([, t]) => t === text)}`;
      github.addRepository('shop-co', repo);
      await fly.createApp(`${repo}-staging`, { machines: 1, image: 'registry.fly.io/shop:v1' });
      const workspace = tempDir('workspace');
      mkdirSync(join(workspace, 'vault', 'shop'), { recursive: true });
      writeFileSync(join(workspace, 'vault', 'shop', 'staging.env'), text);
      writeFileSync(
        join(workspace, 'secret-mirror.yml'),
        `mirrors:
  - name: staging
    sources: [{ vault: vault, environment: staging }]
    targets:
      - github: { environment: staging, create-environment: true }
      - fly: { app: ${repo}-staging }
`,
      );
      const writesBefore = github.writes();
      const flyWritesBefore = fly.requests.filter((request) => request.method !== 'GET').length;
      const step = await runStep('secret-mirror', {
        workspace,
        inputs: {
          config: 'secret-mirror.yml',
          'github-api-url': github.apiUrl,
          'fly-api-url': fly.apiUrl,
        },
        env: { GITHUB_REPOSITORY: `shop-co/${repo}`, GH_TOKEN: githubToken, FLY_API_TOKEN: flyToken },
        secrets: [githubToken, flyToken],
      });
      expect(step.outcome, step.log).toBe('failure');
      expect(step.log).toContain(message);
      expect(github.writes()).toBe(writesBefore);
      expect(fly.requests.filter((request) => request.method !== 'GET').length).toBe(flyWritesBefore);
      // stdout holds the ::add-mask:: commands that tell the runner what to hide: the one place values must be.
      const stdout = step.stdout
        .split('\n')
        .filter((line) => !line.startsWith('::add-mask::'))
        .join('\n');
      for (const text of [stdout, step.stderr, step.log, step.summary]) {
        expect(text.includes(secretValue)).toBe(false);
        expect(text.includes(oversize.slice(0, 64))).toBe(false);
      }
    },
  );
});
