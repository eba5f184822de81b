import { describe, expect, it } from 'vitest';
import { policyFromPresets } from '../src/index';

const policy = policyFromPresets(['fly-supabase']);
const rule = (id: string) => {
  const found = policy.rules.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no rule ${id}`);
  return found;
};

describe('fly-supabase: no-fly-postgres-commands', () => {
  const commands = rule('no-fly-postgres-commands');

  it.each([
    ['scripts/db.sh', 'fly pg attach shop-db\n', 'fly pg attach'],
    ['docs/runbook.md', 'Run `flyctl postgres connect -a shop-db`.\n', 'flyctl postgres connect'],
    ['Makefile', 'db:\n\tfly postgres create --name x\n', 'fly postgres create'],
  ])('flags the command in %s', async (path, content, match) => {
    const findings = await commands.check({ path, content });
    expect(findings.map((f) => f.match)).toEqual([match]);
  });

  it('leaves prose about Fly Postgres alone', async () => {
    const content =
      '# History\nWe moved off Fly Postgres in 2025. Fly pg commands are gone from our scripts.\n';
    expect(commands.appliesTo('docs/history.md')).toBe(true);
    expect(await commands.check({ path: 'docs/history.md', content })).toEqual([]);
  });
});
