import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  credentialsBeforeApproval,
  environmentSecretNameFindings,
  jobCredentials,
  requiredSecrets,
  secretWritersWithoutEnvironment,
} from './harness/workflow-credentials';

// The reusable workflows hand out no more than each job needs. promote.yml: no job that can run before the
// production environment's reviewers approve (not in that environment, needing no job that is) reads a secret
// that is not explicitly staging's or read-only. secret-rotation.yml: every job that writes secrets names an
// environment, so its credentials are that environment's. The second half feeds the checks broken copies.

const workflowsDir = join(import.meta.dirname, '..', '.github', 'workflows');
const promote = readFileSync(join(workflowsDir, 'promote.yml'), 'utf8');
const rotation = readFileSync(join(workflowsDir, 'secret-rotation.yml'), 'utf8');

/** What a job of promote.yml may read before the approval: staging's own, and read-only credentials. */
const beforeApproval = new Set([
  'STAGING_FLY_API_TOKEN',
  'STAGING_PROBE_HEADERS',
  'SECRETS_READ_TOKEN',
  'FLY_READ_TOKEN',
  'VAULT_READ_TOKEN',
  // Keys the parity check's digests; it grants no access to anything.
  'SECRET_MIRROR_DIGEST_KEY',
  // Holds only the job's own permissions.
  'GITHUB_TOKEN',
]);

const readers = (text: string, secret: string) =>
  jobCredentials(text)
    .filter((job) => job.secrets.includes(secret))
    .map((job) => job.job);

describe('promote.yml', () => {
  it('runs evidence, secret-parity and staging before the approval, and none of them reads a production credential', () => {
    const { before, findings } = credentialsBeforeApproval(promote, 'production', beforeApproval);
    expect(before).toEqual(['evidence', 'secret-parity', 'staging']);
    expect(findings).toEqual([]);
  });

  it('gives the production token to the production job only, and the staging token to the staging job only', () => {
    expect(readers(promote, 'PRODUCTION_FLY_API_TOKEN')).toEqual(['production']);
    expect(readers(promote, 'STAGING_FLY_API_TOKEN')).toEqual(['staging']);
    expect(jobCredentials(promote).find((job) => job.job === 'production')?.environment).toBe('production');
  });

  it('reads in its environment jobs only names an environment secret can fill, and requires none of them', () => {
    expect(environmentSecretNameFindings(promote)).toEqual([]);
    expect(requiredSecrets(promote)).toEqual([]);
  });
});

describe('secret-rotation.yml', () => {
  it('writes secrets only from jobs that name an environment, one job per environment', () => {
    const { writers, findings } = secretWritersWithoutEnvironment(rotation);
    expect(writers).toEqual(['staging', 'production']);
    expect(findings).toEqual([]);
    const environments = jobCredentials(rotation).map(({ job, environment }) => [job, environment]);
    expect(environments).toEqual([
      ['staging', 'staging'],
      ['production', 'production'],
    ]);
  });

  it("gives each job its own environment's Fly token, under names an environment secret can fill", () => {
    expect(readers(rotation, 'STAGING_FLY_API_TOKEN')).toEqual(['staging']);
    expect(readers(rotation, 'PRODUCTION_FLY_API_TOKEN')).toEqual(['production']);
    expect(environmentSecretNameFindings(rotation)).toEqual([]);
    expect(requiredSecrets(rotation)).toEqual(['SECRET_MIRROR_DIGEST_KEY']);
  });
});

// ---------------------------------------------------------------------------------------------------------
// The checks can fail.

/** `text` with `from` replaced by `to` once, failing when `from` is not there (a mutation must mutate). */
function edit(text: string, from: string, to: string): string {
  expect(text).toContain(from);
  return text.replace(from, to);
}

const stagingDeployToken = `fly-api-token: \${{ secrets.STAGING_FLY_API_TOKEN }}`;

describe('the checks find', () => {
  it("promote.yml's old fallback from the staging token to the organisation's", () => {
    const old = edit(
      promote,
      stagingDeployToken,
      `fly-api-token: \${{ secrets.staging-fly-api-token || secrets.fly-api-token }}`,
    );
    expect(credentialsBeforeApproval(old, 'production', beforeApproval).findings).toEqual([
      "job 'staging' runs before the production approval and reads secrets.fly-api-token",
      "job 'staging' runs before the production approval and reads secrets.staging-fly-api-token",
    ]);
    expect(environmentSecretNameFindings(old)).toEqual([
      "job 'staging' reads secrets.fly-api-token, a name no environment secret can have",
      "job 'staging' reads secrets.staging-fly-api-token, a name no environment secret can have",
    ]);
  });

  it('a production credential in the parity check, or the whole secrets context before the approval', () => {
    const parity = edit(
      promote,
      `fly-api-token: \${{ secrets.FLY_READ_TOKEN }}`,
      `fly-api-token: \${{ secrets.PRODUCTION_FLY_API_TOKEN }}`,
    );
    expect(credentialsBeforeApproval(parity, 'production', beforeApproval).findings).toEqual([
      "job 'secret-parity' runs before the production approval and reads secrets.PRODUCTION_FLY_API_TOKEN",
    ]);
    const everything = edit(promote, `TOKEN: \${{ github.token }}`, `TOKEN: \${{ toJSON(secrets) }}`);
    expect(credentialsBeforeApproval(everything, 'production', beforeApproval).findings).toEqual([
      "job 'evidence' runs before the production approval and reads every secret",
    ]);
  });

  it('a job after staging but not after production that reads the production token; one after production may', () => {
    const jobs = (needs: string) => `
  notify:
    needs: ${needs}
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ secrets['PRODUCTION_FLY_API_TOKEN'] != '' }}"
  report:
    needs: notify
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ secrets.PROMETHEUS_TOKEN != '' }}"
`;
    const early = credentialsBeforeApproval(`${promote}${jobs('staging')}`, 'production', beforeApproval);
    expect(early.before).toEqual(['evidence', 'secret-parity', 'staging', 'notify', 'report']);
    expect(early.findings).toEqual([
      "job 'notify' runs before the production approval and reads secrets.PRODUCTION_FLY_API_TOKEN",
      "job 'report' runs before the production approval and reads secrets.PROMETHEUS_TOKEN",
    ]);
    const late = credentialsBeforeApproval(
      `${promote}${jobs('[staging, production]')}`,
      'production',
      beforeApproval,
    );
    expect(late).toEqual({ before: ['evidence', 'secret-parity', 'staging'], findings: [] });
  });

  it('a secret-rotation.yml job that writes secrets without an environment; a dry run is no writer', () => {
    const noEnvironment = edit(rotation, `    environment: \${{ inputs.production-environment }}\n`, '');
    expect(secretWritersWithoutEnvironment(noEnvironment).findings).toEqual([
      "job 'production' writes secrets but names no environment",
    ]);
    const shell = `${rotation}
  by-hand:
    runs-on: ubuntu-latest
    steps:
      - run: gh secret set DATABASE_URL --env production < value.txt
`;
    expect(secretWritersWithoutEnvironment(shell).findings).toEqual([
      "job 'by-hand' writes secrets but names no environment",
    ]);
    expect(secretWritersWithoutEnvironment(promote)).toEqual({ writers: [], findings: [] });
  });
});
