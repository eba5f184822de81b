import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBaseline, scan, writeBaseline } from '../src/index';
import { commit, gitRepo, regexRule, tempDir, writeFiles } from './scan-helpers';

const rule = regexRule('no-fly-pg', /fly pg \w+/);

describe('baseline', () => {
  it('suppresses exactly the recorded findings, and a new one still counts', async () => {
    const root = gitRepo();
    commit(root, 'today', { 'b.sh': 'fly pg connect\n', 'a.sh': 'echo\nfly pg attach\nfly pg attach\n' });
    const today = await scan({ root, rules: [rule], scope: 'full' });
    const file = join(tempDir(), 'nested', 'baseline.json');
    await writeBaseline(file, today.findings.slice(0, 2)); // accept a.sh's two, not b.sh's

    writeFiles(root, { 'a.sh': '# lines moved\necho\nfly pg attach\nfly pg attach\nfly pg attach\n' });
    const later = await scan({ root, rules: [rule], scope: 'full', baseline: await readBaseline(file) });

    expect(later.findings.map((finding) => `${finding.path}:${finding.line}`)).toEqual(['a.sh:5', 'b.sh:1']);
    expect(later.suppressed.baseline).toBe(2);
    expect(later.counts.error).toBe(2);
  });

  it('writes a sorted, reviewable file', async () => {
    const root = gitRepo();
    commit(root, 'x', { 'z.sh': 'fly pg a\n', 'a.sh': '\nfly pg b\n' });
    const report = await scan({ root, rules: [rule], scope: 'full' });
    const file = join(tempDir(), 'baseline.json');
    await writeBaseline(file, [...report.findings].reverse());
    const written = JSON.parse(readFileSync(file, 'utf8'));
    expect(written).toEqual({
      version: 1,
      findings: [
        { fingerprint: report.findings[0]!.fingerprint, ruleId: 'no-fly-pg', path: 'a.sh', line: 2 },
        { fingerprint: report.findings[1]!.fingerprint, ruleId: 'no-fly-pg', path: 'z.sh', line: 1 },
      ],
    });
  });

  it('names a missing baseline file', async () => {
    const file = join(tempDir(), 'nope.json');
    await expect(readBaseline(file)).rejects.toThrow(`baseline file ${file} does not exist`);
  });

  it('names a malformed baseline file and what it expected', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.json'), '{"version": 2, "findings": []}');
    writeFileSync(join(dir, 'broken.json'), '{"version": 1,');
    await expect(readBaseline(join(dir, 'bad.json'))).rejects.toThrow(
      /bad\.json is not a stack-guard baseline \(at version/,
    );
    await expect(readBaseline(join(dir, 'broken.json'))).rejects.toThrow(/broken\.json is not JSON/);
  });
});
