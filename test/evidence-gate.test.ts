import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EvidenceManifest } from '@shipgate/evidence';
import { describe, expect, it } from 'vitest';
import { defaultNode, fixtureRepo, runStep, tempDir } from './harness/index';

const repoRoot = join(import.meta.dirname, '..');
const fixtures = join(repoRoot, 'packages', 'evidence', 'test', 'fixtures');
const commit = '3f6c0a1e9b2d4c5f8a7e6d5c4b3a29181716f5e4';
const otherCommit = '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a291817';

/** A workspace holding copies of the real reports (fixtures are never written to). */
function workspace(): string {
  const dir = tempDir('evidence');
  for (const folder of ['vitest', 'playwright', 'coverage', 'lighthouse', 'lhci']) {
    cpSync(join(fixtures, folder), join(dir, folder), { recursive: true });
  }
  return dir;
}

// The fixtures were made on one day; the age limit is tested on its own, everything else runs without it.
const noAge = { 'max-age': 'none' };

async function gate(dir: string, inputs: Record<string, string>, node?: string) {
  const step = await runStep('evidence-gate', {
    workspace: dir,
    inputs: { ...noAge, ...inputs },
    env: { GITHUB_SHA: commit },
    ...(node ? { node } : {}),
  });
  return { step, reasons: JSON.parse(step.outputs.reasons ?? '[]') as string[] };
}

describe('evidence-gate, bundled, run as the runner runs it', () => {
  it.each([
    ["Node 24 (the runner's node24)", defaultNode()],
    [`this machine's Node ${process.version}`, process.execPath],
  ])('passes a passing Vitest run and writes a manifest bound to the commit, on %s', async (_name, node) => {
    const dir = workspace();
    const { step } = await gate(dir, { reports: 'vitest/passing.json' }, node);
    expect(step.exitCode, step.log).toBe(0);
    expect(step.outputs).toMatchObject({
      verdict: 'pass',
      passed: '6',
      failed: '0',
      reports: '1',
      reasons: '[]',
    });
    const manifest = JSON.parse(readFileSync(step.outputs.manifest!, 'utf8')) as EvidenceManifest;
    expect(manifest.commit).toBe(commit);
    expect(manifest.files).toEqual([
      expect.objectContaining({ path: 'vitest/passing.json', status: 'used', format: 'vitest-json' }),
    ]);
    expect(manifest.files[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(step.summary).toContain('**Verdict: pass.**');
  });

  it('fails a failing Vitest run, naming the test, its file and line, also as an annotation', async () => {
    const { step, reasons } = await gate(workspace(), { reports: 'vitest/failing.json' });
    expect(step.exitCode).toBe(1);
    expect(step.outputs).toMatchObject({ verdict: 'fail', failed: '1', skipped: '2', flaky: '1' });
    expect(reasons).toEqual(['all tests: max-failed is 1, must be ≤ 0']);
    const annotation = step.annotations.find(
      (entry) => entry.level === 'error' && entry.title?.includes('failed test'),
    );
    expect(annotation).toMatchObject({ file: 'test/discount.test.js', line: 11 });
    expect(annotation?.message).toContain('rounds to the nearest cent');
    expect(step.summary).toMatch(/rounds to the nearest cent \| `test\/discount\.test\.js:11`/);
  });

  it('reads JUnit XML from Vitest and Playwright alike', async () => {
    const dir = workspace();
    const vitest = await gate(dir, { reports: 'vitest/junit.xml' });
    expect(vitest.step.outputs).toMatchObject({ verdict: 'fail', failed: '1', skipped: '2' });
    const playwright = await gate(dir, { reports: 'playwright/junit.xml' });
    expect(playwright.step.outputs).toMatchObject({ verdict: 'fail', failed: '2', skipped: '3' });
  });

  it('applies limits per Playwright project, and refuses flaky tests when told to', async () => {
    const { step, reasons } = await gate(workspace(), {
      reports: 'playwright/report.json',
      thresholds: [
        'tests:',
        '  max-failed: 2',
        '  projects:',
        '    desktop: { max-skipped: 1 }',
        '    mobile: { allow-flaky: false }',
        '    tablet: { min-passed: 1 }',
      ].join('\n'),
    });
    expect(step.outputs).toMatchObject({
      verdict: 'fail',
      failed: '2',
      flaky: '2',
      passed: '11',
      skipped: '3',
    });
    expect(reasons).toEqual([
      'project desktop: max-skipped is 2, must be ≤ 1',
      'project mobile: allow-flaky is 1, must be ≤ 0',
      expect.stringMatching(/^project tablet: ran: no report holds tests of the Playwright project 'tablet'/),
    ]);
    expect(step.summary).toMatch(/\| desktop \| 8 \| 4 \| \*\*1\*\* \| 2 \| 1 \|/);
  });

  it('checks coverage against minimum percentages', async () => {
    const { step, reasons } = await gate(workspace(), {
      reports: 'coverage/coverage-summary.json',
      thresholds: 'coverage: { lines: 80, statements: "75%", functions: 100, branches: 70 }',
    });
    expect(step.outputs.verdict).toBe('fail');
    expect(reasons).toEqual(['coverage/coverage-summary.json: branches is 61.53%, must be ≥ 70%']);
  });

  it('passes the fast page and fails the slow one on Lighthouse scores and metrics', async () => {
    const dir = workspace();
    const thresholds =
      'lighthouse:\n  categories: { performance: 0.9, accessibility: 0.9 }\n  metrics: { lcp: 2500, tbt: 300, cls: 0.1 }';
    const fast = await gate(dir, { reports: 'lighthouse/fast.json', thresholds });
    expect(fast.step.exitCode, fast.step.log).toBe(0);
    const slow = await gate(dir, { reports: 'lighthouse/slow.json', thresholds });
    expect(slow.step.outputs.verdict).toBe('fail');
    expect(slow.reasons).toEqual([
      'http://127.0.0.1:4173/slow: categories:performance is 0.26, must be ≥ 0.90',
      expect.stringMatching(/^http:\/\/127\.0\.0\.1:4173\/slow: lcp is 8\.\d\d s, must be ≤ 2\.50 s$/),
      expect.stringMatching(/^http:\/\/127\.0\.0\.1:4173\/slow: tbt is 6\.\d\d s, must be ≤ 300 ms$/),
    ]);
    expect(slow.step.summary).toContain('| http://127.0.0.1:4173/slow | 1 | 26 | 100 |');
  });

  it("takes the median of an LHCI folder's runs and applies a lighthouserc's assertions per URL", async () => {
    const dir = workspace();
    writeFileSync(
      join(dir, 'lighthouserc.json'),
      JSON.stringify({
        ci: {
          assert: {
            assertions: {
              'categories:performance': ['error', { minScore: 0.9 }],
              'first-contentful-paint': 'off',
            },
            assertMatrix: [
              {
                matchingUrlPattern: '/slow$',
                assertions: { 'total-blocking-time': ['warn', { maxNumericValue: 200 }] },
              },
            ],
          },
        },
      }),
    );
    // The folder as `lhci collect` leaves it: a links.json beside the runs is not a report.
    writeFileSync(join(dir, 'lhci', 'links.json'), '{}');
    const { step, reasons } = await gate(dir, { reports: 'lhci', lighthouserc: 'lighthouserc.json' });
    expect(step.outputs).toMatchObject({ verdict: 'fail', reports: '6' });
    expect(reasons).toEqual(['http://127.0.0.1:4173/slow: categories:performance is 0.26, must be ≥ 0.90']);
    expect(
      step.annotations.some(
        (entry) => entry.level === 'warning' && /total-blocking-time/.test(entry.message),
      ),
    ).toBe(true);
    expect(step.summary).toContain('| http://127.0.0.1:4173/ | 3 (median run) |');
    expect(step.summary).toContain('median of 3 runs');
    expect(step.summary).toContain('Not reports, skipped: `lhci/links.json`');
  });

  it('fails when required evidence is absent, empty or unparsable: nothing passes by absence', async () => {
    const dir = workspace();
    const absent = await gate(dir, { reports: 'vitest/passing.json', required: 'tests, lighthouse' });
    expect(absent.reasons).toEqual([
      'lighthouse evidence is required, and no Lighthouse result is among the 1 file found',
    ]);
    writeFileSync(join(dir, 'empty.json'), '');
    const empty = await gate(dir, { reports: 'empty.json' });
    expect(empty.reasons[0]).toMatch(/^empty\.json: .*empty/);
    expect(empty.reasons).toContain(
      'tests evidence is required, and no Vitest, Playwright or JUnit report is among the 1 file found (1 unreadable)',
    );
    writeFileSync(
      join(dir, 'cut.json'),
      readFileSync(join(dir, 'vitest', 'passing.json'), 'utf8').slice(0, 500),
    );
    const cut = await gate(dir, { reports: 'cut.json' });
    expect(cut.step.outputs.verdict).toBe('fail');
    expect(cut.reasons[0]).toMatch(/^cut\.json: /);
    const none = await gate(dir, { reports: 'reports/**/*.xml' });
    expect(none.reasons).toEqual([
      'tests evidence is required, and no Vitest, Playwright or JUnit report is among the 0 files found',
    ]);
    expect(
      none.step.annotations.some((entry) => entry.message.includes("no file matches 'reports/**/*.xml'")),
    ).toBe(true);
  });

  it('refuses a report that names another commit, and one older than max-age', async () => {
    const dir = workspace();
    const report = JSON.parse(readFileSync(join(dir, 'playwright', 'report.json'), 'utf8'));
    report.config.metadata = { ...report.config.metadata, gitCommit: { hash: otherCommit } };
    writeFileSync(join(dir, 'other-commit.json'), JSON.stringify(report));
    const other = await gate(dir, { reports: 'other-commit.json', thresholds: 'tests: { max-failed: 5 }' });
    expect(other.reasons[0]).toBe(
      `other-commit.json: names commit ${otherCommit.slice(0, 12)}, not ${commit.slice(0, 12)}, the commit being promoted`,
    );
    report.config.metadata.gitCommit.hash = commit;
    writeFileSync(join(dir, 'this-commit.json'), JSON.stringify(report));
    const same = await gate(dir, { reports: 'this-commit.json', thresholds: 'tests: { max-failed: 5 }' });
    expect(same.step.exitCode, same.step.log).toBe(0);

    const vitest = JSON.parse(readFileSync(join(dir, 'vitest', 'passing.json'), 'utf8'));
    vitest.startTime = Date.now() - 3 * 86_400_000;
    writeFileSync(join(dir, 'old.json'), JSON.stringify(vitest));
    const old = await gate(dir, { reports: 'old.json', 'max-age': '2d' });
    expect(old.reasons[0]).toBe('old.json: ran 3 d ago, more than max-age 2 d');
    const young = await gate(dir, { reports: 'old.json', 'max-age': '4d' });
    expect(young.step.exitCode, young.step.log).toBe(0);
    // A report that records no time is dated by its file.
    utimesSync(
      join(dir, 'coverage', 'coverage-summary.json'),
      new Date(),
      new Date(Date.now() - 2 * 3_600_000),
    );
    const coverage = await gate(dir, {
      reports: 'coverage/coverage-summary.json',
      required: 'coverage',
      'max-age': '1h',
    });
    expect(coverage.reasons[0]).toMatch(
      /^coverage\/coverage-summary\.json: was written \(file time; .*\) 2 h ago/,
    );
  });

  it('verifies a manifest in a later run, and refuses it after any byte of a report changes', async () => {
    const dir = workspace();
    const reports = 'vitest/passing.json\ncoverage\nlighthouse/fast.json';
    const gated = await gate(dir, {
      reports,
      required: 'tests,coverage,lighthouse',
      manifest: 'evidence-manifest.json',
    });
    expect(gated.step.exitCode, gated.step.log).toBe(0);

    const verify = (inputs: Record<string, string> = {}) =>
      runStep('evidence-gate', {
        workspace: dir,
        inputs: { mode: 'verify', manifest: 'evidence-manifest.json', ...inputs },
        env: { GITHUB_SHA: commit },
      });
    const first = await verify();
    expect(first.exitCode, first.log).toBe(0);
    expect(first.outputs).toMatchObject({ verdict: 'pass', reports: '3', passed: '6' });
    expect(first.summary).toContain('**Verified.**');

    const otherSha = await verify({ commit: otherCommit });
    expect(otherSha.exitCode).toBe(1);
    expect(otherSha.log).toContain(
      `the manifest is for commit ${commit.slice(0, 12)}, not ${otherCommit.slice(0, 12)}`,
    );

    const path = join(dir, 'lighthouse', 'fast.json');
    const original = readFileSync(path);
    const changed = Buffer.from(original);
    const at = changed.indexOf('"score":1');
    changed[at + 8] = '0'.charCodeAt(0);
    writeFileSync(path, changed);
    const tampered = await verify();
    expect(tampered.exitCode).toBe(1);
    expect(tampered.outputs.verdict).toBe('fail');
    expect(tampered.log).toMatch(/lighthouse\/fast\.json: changed since it was gated/);
    writeFileSync(path, original);
    expect((await verify()).exitCode).toBe(0);

    // An edited manifest (a fail turned into a pass) does not verify either: the files give the verdict again.
    const failing = await gate(dir, { reports: 'vitest/failing.json', manifest: 'failing-manifest.json' });
    expect(failing.step.outputs.verdict).toBe('fail');
    const manifest = JSON.parse(readFileSync(join(dir, 'failing-manifest.json'), 'utf8')) as EvidenceManifest;
    writeFileSync(
      join(dir, 'failing-manifest.json'),
      JSON.stringify({ ...manifest, verdict: 'pass', reasons: [] }),
    );
    const edited = await verify({ manifest: 'failing-manifest.json' });
    expect(edited.exitCode).toBe(1);
    expect(edited.log).toContain('the manifest was edited');
  });

  it('reports a bad input or threshold in one line that names it', async () => {
    const dir = workspace();
    const failure = async (inputs: Record<string, string>) => {
      const { step } = await gate(dir, inputs);
      expect(step.exitCode).toBe(1);
      const errors = step.annotations.filter((entry) => entry.level === 'error');
      expect(errors).toHaveLength(1);
      return errors[0]!.message;
    };
    expect(await failure({ mode: 'check' })).toBe(
      "evidence-gate: Input 'mode' must be one of gate, verify; got 'check'.",
    );
    expect(await failure({})).toMatch(/^evidence-gate: Input 'reports' is required in gate mode/);
    expect(
      await failure({ reports: 'vitest/passing.json', thresholds: 'tests:\n  max-failures: 0' }),
    ).toMatch(/^evidence-gate: Input 'thresholds':2:3: tests: .*max-failures/);
    writeFileSync(join(dir, 'gate.yml'), 'coverage:\n  lines: 180\n');
    expect(await failure({ reports: 'vitest/passing.json', 'thresholds-file': 'gate.yml' })).toMatch(
      /^evidence-gate: gate\.yml \(input 'thresholds-file'\):2:10: coverage\.lines: .*<=100$/,
    );
    expect(await failure({ reports: 'vitest/passing.json', 'thresholds-file': 'missing.yml' })).toBe(
      "evidence-gate: Input 'thresholds-file' must be a file to read, relative to the workspace; got 'missing.yml', which does not exist.",
    );
    expect(
      await failure({
        reports: 'vitest/passing.json',
        thresholds: 'tests: {}',
        'thresholds-file': 'gate.yml',
      }),
    ).toBe(
      "evidence-gate: Input 'thresholds' and input 'thresholds-file' exclude each other: give the thresholds inline or as a file.",
    );
    writeFileSync(join(dir, 'lighthouserc.js'), 'module.exports = {};\n');
    expect(await failure({ reports: 'vitest/passing.json', lighthouserc: 'lighthouserc.js' })).toBe(
      "evidence-gate: Input 'lighthouserc' is JavaScript, which shipgate does not run: use a .lighthouserc.json or .yml.",
    );
    expect(await failure({ reports: 'vitest/passing.json', 'max-age': 'a week' })).toBe(
      "evidence-gate: Input 'max-age' must be a duration such as 24h, 7d or 2w, from 1s to 3650d, or none for no limit; got 'a week'.",
    );
    expect(await failure({ mode: 'verify', manifest: 'evidence/missing.json' })).toBe(
      `evidence-gate: Input 'manifest' names no file (${join(dir, 'evidence', 'missing.json')}): verify mode checks a manifest written earlier.`,
    );
    expect(await failure({ reports: 'vitest/passing.json', commit: 'main' })).toMatch(
      /^evidence-gate: Input 'commit' must be a commit SHA \(7 to 64 hex digits\); got 'main'\.$/,
    );
    expect(await failure({ reports: 'vitest/passing.json', required: 'tests,e2e' })).toBe(
      "evidence-gate: Input 'required' has 'e2e'; expected any of tests, coverage, lighthouse",
    );
  });

  it("binds the manifest to the checkout's HEAD when no commit is given and there is no GITHUB_SHA", async () => {
    const passing = readFileSync(join(fixtures, 'vitest', 'passing.json'), 'utf8');
    const repo = fixtureRepo({ 'vitest/passing.json': passing });
    const step = await runStep('evidence-gate', {
      workspace: repo.dir,
      inputs: { ...noAge, reports: 'vitest/passing.json' },
    });
    expect(step.exitCode, step.log).toBe(0);
    const manifest = JSON.parse(readFileSync(step.outputs.manifest!, 'utf8')) as EvidenceManifest;
    expect(manifest.commit).toBe(repo.baseSha);
    expect(step.log).toContain(`commit: ${repo.baseSha} (the workspace's HEAD; no GITHUB_SHA)`);

    const notCheckout = await runStep('evidence-gate', {
      workspace: workspace(),
      inputs: { ...noAge, reports: 'vitest/passing.json' },
    });
    expect(notCheckout.exitCode).toBe(1);
    expect(
      notCheckout.annotations.filter((entry) => entry.level === 'error').map((entry) => entry.message),
    ).toEqual([
      "evidence-gate: Input 'commit' is required here: there is no GITHUB_SHA and the workspace is not a git checkout",
    ]);
  });

  it('runs through the shipgate command line with the same verdict', () => {
    const dir = workspace();
    const cli = spawnSync(
      process.execPath,
      [
        join(repoRoot, 'packages', 'cli', 'bin', 'shipgate.js'),
        'evidence-gate',
        '--reports',
        'vitest/failing.json',
        '--commit',
        commit,
        '--max-age',
        'none',
        '--json',
      ],
      { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: dir } },
    );
    expect(cli.status, cli.stderr).toBe(1);
    const outputs = JSON.parse(cli.stdout) as Record<string, string>;
    expect(outputs).toMatchObject({ verdict: 'fail', failed: '1' });
  });
});
