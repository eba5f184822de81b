import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRecordingLogger } from '@shipgate/kit';
import { describe, expect, it } from 'vitest';
import { guard } from '../src/index';
import { tempDir } from './scan-helpers';

function repoWith(files: Record<string, string>): string {
  const root = tempDir('stack-guard-guard-');
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

describe('guard', () => {
  it('uses presets when there is no policy file', async () => {
    const root = repoWith({ 'scripts/db.sh': 'fly pg connect -a db\n' });
    const { policy, report } = await guard({
      root,
      policyFile: '.github/stack-guard.yml',
      presets: ['fly-supabase'],
      scope: 'full',
      logger: createRecordingLogger(),
    });
    expect(policy.source).toBe('<preset:fly-supabase>');
    expect(report.findings.map((f) => `${f.ruleId} ${f.path}`)).toEqual([
      'no-fly-postgres-commands scripts/db.sh',
    ]);
  });

  it('says a preset input is ignored when the policy file exists, and uses the file', async () => {
    const root = repoWith({
      '.github/stack-guard.yml':
        'rules:\n  - id: no-todo\n    kind: text\n    files: ["**/*.sh"]\n    pattern: TODO\n',
      'scripts/db.sh': 'fly pg connect -a db # TODO\n',
    });
    const logger = createRecordingLogger();
    const { report } = await guard({
      root,
      policyFile: '.github/stack-guard.yml',
      presets: ['fly-supabase'],
      scope: 'full',
      logger,
    });
    expect(report.findings.map((f) => f.ruleId)).toEqual(['no-todo']);
    expect(logger.entries.filter((e) => e.level === 'warning').map((e) => e.message)).toEqual([
      "input 'preset' (fly-supabase) is ignored: .github/stack-guard.yml exists; list presets in its extends:",
    ]);
  });

  it('fails with one line when there is neither a policy file nor a preset', async () => {
    const root = repoWith({ 'a.txt': 'x\n' });
    await expect(
      guard({
        root,
        policyFile: '.github/stack-guard.yml',
        presets: [],
        scope: 'full',
        logger: createRecordingLogger(),
      }),
    ).rejects.toThrow(
      `no policy file at .github/stack-guard.yml: add one (for example "extends: [fly-supabase]") or set input 'preset'`,
    );
  });
});
