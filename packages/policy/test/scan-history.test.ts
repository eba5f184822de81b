import { describe, expect, it } from 'vitest';
import { scan } from '../src/index';
import { commit, git, gitRepo, regexRule, tempDir } from './scan-helpers';

const secret = regexRule('aws-key', /AKIA[0-9A-Z]{16}/, { kind: 'secrets' });
const textRule = regexRule('text-only', /AKIA[0-9A-Z]{16}/, { kind: 'text' });
const key1 = 'AKIAABCDEFGHIJKLMNOP';
const key2 = 'AKIAQRSTUVWXYZ234567';

describe('history scope', () => {
  it('finds a secret that was added and later removed, at its real line, with the commit that added it', async () => {
    const root = gitRepo();
    commit(root, 'config', { 'config.js': 'export default {\n  region: "eu",\n};\n' });
    const added = commit(root, 'add key', {
      'config.js': `export default {\n  region: "eu",\n  key: "${key1}",\n};\n`,
    });
    commit(root, 'remove key', { 'config.js': 'export default {\n  region: "eu",\n};\n' });

    const report = await scan({ root, rules: [secret, textRule], scope: 'history' });

    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      ruleId: 'aws-key',
      path: 'config.js',
      line: 3,
      column: 9,
      commit: added,
    });
    expect(report.commits).toBe(3);
    expect(report.scopeNote).toBe(
      'history: 3 commits on all refs; secrets and connection strings in added lines',
    );
    expect(textRule.checked).toEqual([]); // text rules are not history rules
  });

  it('reports a secret once, at the oldest commit, even when copied to another branch; other refs are walked', async () => {
    const root = gitRepo();
    const first = commit(root, 'key', { 'a.env': `KEY=${key1}\n` });
    commit(root, 'more', { 'a.env': `KEY=${key1}\nOTHER=1\n` });
    git(root, 'checkout', '-q', '-b', 'side');
    const side = commit(root, 'side key', { 'b.env': `KEY=${key2}\n` });
    git(root, 'checkout', '-q', 'main');
    commit(root, 'drop', { 'a.env': 'OTHER=1\n' });
    commit(root, 're-add', { 'a.env': `KEY=${key1}\nOTHER=1\n` });

    const report = await scan({ root, rules: [secret], scope: 'history' });

    expect(report.findings.map((finding) => [finding.path, finding.line, finding.commit])).toEqual([
      ['a.env', 1, first],
      ['b.env', 1, side],
    ]);
  });

  it('applies historyKinds, ignores and the baseline', async () => {
    const root = gitRepo();
    commit(root, 'keys', { 'src/a.txt': `${key1}\n`, 'vendor/b.txt': `${key2}\n` });
    const onlyText = await scan({
      root,
      rules: [secret, textRule],
      scope: 'history',
      historyKinds: ['text'],
    });
    expect(onlyText.findings.map((finding) => finding.ruleId)).toEqual(['text-only', 'text-only']);
    expect(onlyText.scopeNote).toContain('text in added lines');

    const all = await scan({ root, rules: [secret], scope: 'history' });
    const baseline = new Set([all.findings[0]!.fingerprint]);
    const filtered = await scan({
      root,
      rules: [secret],
      scope: 'history',
      ignorePaths: ['vendor/**'],
      baseline,
    });
    expect(filtered.findings).toEqual([]);
    expect(filtered.suppressed).toEqual({ baseline: 1, ignored: 1 });
  });

  it('needs a git repository', async () => {
    await expect(scan({ root: tempDir(), rules: [secret], scope: 'history' })).rejects.toThrow(
      /history scope needs a git repository/,
    );
  });
});
