import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { silentLogger } from '@shipgate/kit';
import { guard } from '@shipgate/policy';
import { beforeAll, describe, expect, it } from 'vitest';
import { plantedSecrets, plantings } from '../examples/drift';
import {
  defaultNode,
  type FixtureRepo,
  fixtureRepo,
  type RepoFiles,
  runStep,
  sarifValidator,
} from './harness/index';

const repoRoot = join(import.meta.dirname, '..');
const shopApp = join(repoRoot, 'examples', 'shop-app');

function readTree(dir: string): RepoFiles {
  const files: RepoFiles = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[relative(dir, path)] = readFileSync(path, 'utf8');
  }
  return files;
}

function drifted(base: RepoFiles): RepoFiles {
  const head: RepoFiles = {};
  for (const planting of plantings) {
    head[planting.path] = planting.edit(head[planting.path] ?? base[planting.path] ?? undefined);
  }
  return head;
}

interface ReportJson {
  scope: string;
  counts: { error: number; warning: number; note: number };
  findings: Array<{ ruleId: string; path: string; line?: number; fingerprint: string; commit?: string }>;
}

describe('stack-guard, bundled, run as the runner runs it', () => {
  let repo: FixtureRepo;
  let base: RepoFiles;

  beforeAll(() => {
    base = readTree(shopApp);
    repo = fixtureRepo(base, { head: drifted(base) });
  });

  it.each([
    ["Node 24 (the runner's node24)", defaultNode()],
    [`this machine's Node ${process.version}`, process.execPath],
  ])('passes the clean app on a full scan, on %s', async (_name, node) => {
    const clean = fixtureRepo(base);
    const step = await runStep('stack-guard', { workspace: clean.dir, inputs: { scope: 'full' }, node });
    expect(step.exitCode, step.log).toBe(0);
    expect(step.outputs.errors).toBe('0');
    expect(step.annotations).toEqual([]);
    expect(step.summary).toContain('✅ stack-guard: no findings');
  });

  describe('on a pull_request that drifts', () => {
    let step: Awaited<ReturnType<typeof runStep>>;
    let report: ReportJson;

    beforeAll(async () => {
      step = await runStep('stack-guard', { workspace: repo.dir, event: repo.pullRequestEvent() });
      report = JSON.parse(readFileSync(step.outputs['report-file'] as string, 'utf8'));
    });

    it('fails the step with one line, after writing every output', () => {
      expect(step.exitCode).toBe(1);
      expect(step.outputs).toMatchObject({ errors: '8', warnings: '1', notes: '0' });
      const failures = step.annotations.filter((a) => a.level === 'error' && !a.file);
      expect(failures.map((a) => a.message)).toEqual(['stack-guard: 8 errors (fail-on: error)']);
      expect(report.scope).toBe('pull-request');
    });

    it('finds every planted violation, as an annotation on its file and line', () => {
      for (const planting of plantings) {
        const annotation = step.annotations.find(
          (a) => a.title === `stack-guard: ${planting.expect.ruleId}` && a.file === planting.expect.path,
        );
        expect(annotation, planting.description).toBeDefined();
        expect(annotation?.line, planting.description).toBeGreaterThan(0);
      }
    });

    it('reports only changed lines: the untouched parts of modified files stay quiet', () => {
      // fly.toml and package.json were modified; every finding in them must sit on a line the head changed.
      const changed = repo.git(
        'diff',
        '-U0',
        `${repo.baseSha}...${repo.headSha}`,
        '--',
        'fly.toml',
        'package.json',
      );
      const changedLines = new Set<string>();
      let file = '';
      for (const line of changed.split('\n')) {
        const path = /^\+\+\+ b\/(.+)$/.exec(line);
        if (path) file = path[1] as string;
        const hunk = /^@@ -\S+ \+(\d+)(?:,(\d+))? @@/.exec(line);
        if (hunk) {
          const start = Number(hunk[1]);
          for (let i = 0; i < Number(hunk[2] ?? 1); i++) changedLines.add(`${file}:${start + i}`);
        }
      }
      const inModified = report.findings.filter((f) => f.path === 'fly.toml' || f.path === 'package.json');
      expect(inModified.length).toBeGreaterThanOrEqual(4);
      for (const finding of inModified) expect(changedLines).toContain(`${finding.path}:${finding.line}`);
    });

    it('writes SARIF 2.1.0 that validates against the official schema, one result per finding', () => {
      const sarif = JSON.parse(readFileSync(step.outputs['sarif-file'] as string, 'utf8'));
      const validate = sarifValidator();
      expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
      expect(sarif.runs[0].results).toHaveLength(report.findings.length);
      const fingerprints = sarif.runs[0].results.map(
        (r: { partialFingerprints: Record<string, string> }) => r.partialFingerprints.primaryLocationLineHash,
      );
      expect(fingerprints.sort()).toEqual(report.findings.map((f) => `${f.fingerprint}:1`).sort());
    });

    it('summarises the verdict and every finding', () => {
      expect(step.summary).toContain('❌ stack-guard: 8 errors, 1 warning');
      for (const planting of plantings) expect(step.summary).toContain(`\`${planting.expect.ruleId}\``);
    });

    it('never lets a planted secret out: log, summary, outputs, SARIF, JSON report', () => {
      const sarif = readFileSync(step.outputs['sarif-file'] as string, 'utf8');
      const json = readFileSync(step.outputs['report-file'] as string, 'utf8');
      const everything = [
        step.stdout,
        step.stderr,
        step.summary,
        JSON.stringify(step.outputs),
        sarif,
        json,
      ].join('\n');
      for (const secret of plantedSecrets) {
        for (const form of [secret, Buffer.from(secret).toString('base64'), encodeURIComponent(secret)]) {
          expect(everything).not.toContain(form);
        }
      }
    });

    it('gives the same findings as the engine in process and as the CLI', async () => {
      const inProcess = await guard({
        root: repo.dir,
        policyFile: '.github/stack-guard.yml',
        presets: [],
        scope: 'pull-request',
        base: repo.baseSha,
        head: repo.headSha as string,
        logger: silentLogger,
      });
      const fromEngine = inProcess.report.findings.map((f) => f.fingerprint).sort();
      expect(report.findings.map((f) => f.fingerprint).sort()).toEqual(fromEngine);

      const cli = spawnSync(
        process.execPath,
        [
          join(repoRoot, 'packages', 'cli', 'bin', 'shipgate.js'),
          'stack-guard',
          '--scope',
          'pull-request',
          '--base',
          repo.baseSha,
          '--head',
          repo.headSha as string,
          '--json',
        ],
        { cwd: repo.dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: repo.dir } },
      );
      expect(cli.status).toBe(1);
      const outputs = JSON.parse(cli.stdout) as Record<string, string>;
      const fromCli = (JSON.parse(outputs.report as string) as ReportJson).findings.map((f) => f.fingerprint);
      expect(fromCli.sort()).toEqual(fromEngine);
    });
  });

  it('never prints the password of a DSN split across a string concatenation, in any form', async () => {
    // Assembled at run time so the repository holds no password literal; `+` and `=` change when URL-encoded.
    const password = ['Sp1it+Pa55', '=w0rd!9f2c'].join('');
    const split = fixtureRepo({
      ...base,
      'app/lib/reports.server.ts': [
        '// The reports worker reads its own database.',
        `export const reportsDatabaseUrl = "postgresql://reports:${password}" +`,
        '  "@db.reportsproject.supabase.co:5432/postgres";',
        '',
      ].join('\n'),
    });
    const step = await runStep('stack-guard', { workspace: split.dir, inputs: { scope: 'full' } });
    expect(step.exitCode, step.log).toBe(1);
    const emitted: Record<string, string> = {
      stdout: step.stdout,
      stderr: step.stderr,
      outputs: JSON.stringify(step.outputs),
      summary: step.summary,
      sarif: readFileSync(step.outputs['sarif-file'] as string, 'utf8'),
      report: readFileSync(step.outputs['report-file'] as string, 'utf8'),
    };
    const forms = {
      raw: password,
      base64: Buffer.from(password).toString('base64'),
      'URL-encoded': encodeURIComponent(password),
      'JSON-escaped': JSON.stringify(password).slice(1, -1),
    };
    const hits = Object.entries(emitted).flatMap(([where, text]) =>
      Object.entries(forms)
        .filter(([, form]) => text.includes(form))
        .map(([name]) => `${name} in ${where}`),
    );
    expect(hits).toEqual([]);
    expect(emitted.report).toContain('***@db.reportsproject.supabase.co:5432/postgres: it embeds a password');

    const annotation = step.annotations.find((a) => a.file === 'app/lib/reports.server.ts');
    expect(annotation).toMatchObject({ title: 'stack-guard: supabase-postgres-only', line: 2, endLine: 3 });
    // The user name may be redacted too, by the kit's own guard on everything an action prints.
    expect(annotation?.message).toMatch(
      /^database URL postgresql:\/\/(?:reports:)?\*\*\*@db\.reportsproject\.supabase\.co:5432\/postgres: it embeds a password/,
    );
  });

  it('finds a secret deleted in a later commit when scanning history', async () => {
    repo.git('checkout', '--quiet', repo.headRef as string);
    repo.git('rm', '--quiet', 'app/lib/github.server.ts');
    repo.git('commit', '--quiet', '-m', 'remove the token');
    const step = await runStep('stack-guard', {
      workspace: repo.dir,
      inputs: { scope: 'history', 'fail-on': 'none' },
    });
    expect(step.exitCode, step.log).toBe(0);
    // Reported, yet the step passed: the summary says both, not a failure it did not have.
    expect(step.summary).toMatch(
      /⚠️ stack-guard reported \d+ errors?[^\n]*; the step passes \(fail-on: none\)/,
    );
    expect(step.summary.split('\n').find((line) => line.startsWith('## '))).not.toContain('❌');
    const report = JSON.parse(readFileSync(step.outputs['report-file'] as string, 'utf8')) as ReportJson;
    const token = report.findings.find((f) => f.ruleId === 'no-secrets');
    expect(token).toMatchObject({ path: 'app/lib/github.server.ts', commit: repo.headSha });
  });

  it('runs a preset without a policy file, and fails on warnings when asked', async () => {
    const files = { ...base };
    delete files['.github/stack-guard.yml'];
    const bare = fixtureRepo(files, {
      head: { 'fly.toml': (base['fly.toml'] as string).replace('"1gb"', '"256mb"') },
    });
    const step = await runStep('stack-guard', {
      workspace: bare.dir,
      event: bare.pullRequestEvent(),
      inputs: { preset: 'fly-supabase', 'fail-on': 'warning' },
    });
    expect(step.exitCode).toBe(1);
    expect(step.outputs).toMatchObject({ errors: '0', warnings: '1' });
    expect(step.annotations.at(-1)?.message).toBe('stack-guard: 1 warning (fail-on: warning)');
  });

  it.each([
    [
      { 'fail-on': 'eror' },
      "stack-guard: Input 'fail-on' must be one of error, warning, note, none; got 'eror'.",
    ],
    [
      { scope: 'everything' },
      "stack-guard: Input 'scope' must be one of auto, pull-request, full, history; got 'everything'.",
    ],
    [
      { policy: 'missing.yml' },
      "stack-guard: Input 'policy' must be a file to read, relative to 'path'; got 'missing.yml', which does not exist.",
    ],
    [
      // An explicit policy that is missing is not replaced by the preset.
      { policy: 'missing.yml', preset: 'fly-supabase' },
      "stack-guard: Input 'policy' must be a file to read, relative to 'path'; got 'missing.yml', which does not exist.",
    ],
    [
      { path: '/nonexistent' },
      "stack-guard: Input 'path' must be a folder, relative to the workspace; got '/nonexistent', which does not exist.",
    ],
    [
      { scope: 'pull-request' },
      "stack-guard: the pull-request scope needs a base: run on a pull_request event or set input 'base' (a commit or ref)",
    ],
  ])('fails a bad run with one clear line: %j', async (inputs, line) => {
    const step = await runStep('stack-guard', { workspace: repo.dir, inputs });
    expect(step.exitCode).toBe(1);
    expect(step.annotations.map((a) => a.message)).toEqual([line]);
    expect(step.log).not.toMatch(/\n\s+at /);
  });

  it('points at the line and column of a malformed policy', async () => {
    const broken = fixtureRepo({
      '.github/stack-guard.yml': 'extends: [fly-supabase]\nrules:\n  - id: x\n    kind: regex\n',
    });
    const step = await runStep('stack-guard', { workspace: broken.dir, inputs: { scope: 'full' } });
    expect(step.exitCode).toBe(1);
    expect(step.annotations[0]?.message).toMatch(
      /^stack-guard: \.github\/stack-guard\.yml \(input 'policy'\):4:11: unknown rule kind 'regex'; allowed kinds: dependencies, text, structured, connection-strings, secrets/,
    );
  });

  it('says the checkout needs the base when a pull request was cloned shallow', async () => {
    const event = repo.pullRequestEvent();
    const payload = event.payload as { pull_request: { base: { sha: string } } };
    payload.pull_request.base.sha = 'f'.repeat(40);
    const step = await runStep('stack-guard', { workspace: repo.dir, event });
    expect(step.exitCode).toBe(1);
    expect(step.annotations[0]?.message).toContain('fetch-depth: 0');
  });
});
