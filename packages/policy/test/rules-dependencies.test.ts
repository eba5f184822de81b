import { loadPolicy, policyFromPresets } from '@shipgate/policy';
import { describe, expect, it } from 'vitest';

async function rule(yaml: string) {
  return (await loadPolicy({ root: '/', text: `rules:\n${yaml}` })).rules[0]!;
}

const manifest = (dependencies: Record<string, string>, devDependencies: Record<string, string> = {}) =>
  `${JSON.stringify({ name: 'app', dependencies, devDependencies }, null, 2)}\n`;

describe('dependencies rules', () => {
  const reactRouter = () => policyFromPresets(['fly-supabase']).rules.find((r) => r.id === 'react-router-7')!;

  it('flags @remix-run/node at the line and column of its key', async () => {
    const content = manifest({ 'react-router': '^7.9.4', '@remix-run/node': '^2.17.1' });
    const findings = await reactRouter().check({ path: 'package.json', content });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 5, column: 5, match: '@remix-run/node@^2.17.1' });
    expect(findings[0]!.message).toMatch(
      /^@remix-run\/node@\^2\.17\.1 \(dependencies\) is forbidden .* — use React Router 7/,
    );
  });

  it('flags react-router 6 in any package.json, and requires react-router only in the root one', async () => {
    const rule = reactRouter();
    const six = await rule.check({ path: 'package.json', content: manifest({ 'react-router': '^6.28.0' }) });
    // The rule's constrain and require both say it of the same declaration: one violation, one finding.
    expect(six.map((f) => f.message)).toEqual([
      expect.stringContaining(
        'react-router@^6.28.0 (dependencies) allows 6.28.0, which does not satisfy >=7',
      ),
    ]);
    const nested = await rule.check({
      path: 'packages/ui/package.json',
      content: manifest({ 'react-router-dom': '6.4' }),
    });
    expect(nested.map((f) => f.match)).toEqual(['react-router-dom@6.4']);
    const missing = await rule.check({ path: 'package.json', content: manifest({ react: '^19.0.0' }) });
    expect(missing).toMatchObject([{ line: 1, column: 1, match: 'missing:react-router' }]);
    expect(
      await rule.check({ path: 'package.json', content: manifest({ 'react-router': '^7.9.4' }) }),
    ).toEqual([]);
  });

  it('forbids a version range only when the declared range can resolve into it', async () => {
    const forbid = await rule(
      '  - id: no-old-lodash\n    kind: dependencies\n    forbid: [{ name: lodash, version: "<4.17.21" }]\n',
    );
    const check = (range: string) =>
      forbid.check({ path: 'package.json', content: manifest({ lodash: range }) });
    expect(await check('^4.17.21')).toEqual([]);
    expect(await check('^4.17.0')).toHaveLength(1);
    expect((await check('workspace:*'))[0]!.message).toContain('not a semver range');
  });

  it('checks the sections it is given and says when a version cannot be judged', async () => {
    const constrain = await rule(
      '  - id: ts\n    kind: dependencies\n    sections: [devDependencies]\n    constrain: [{ name: typescript, version: ">=5" }]\n',
    );
    const content = manifest({ typescript: '^4.0.0' }, { typescript: 'github:microsoft/TypeScript' });
    const findings = await constrain.check({ path: 'package.json', content });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toBe(
      'typescript@github:microsoft/TypeScript (devDependencies) is not a semver range, so its version cannot be checked against >=5',
    );
    expect(findings[0]!.line).toBe(7);
  });

  it('reports unparsable JSON once', async () => {
    const findings = await reactRouter().check({ path: 'package.json', content: '{ "dependencies": { ' });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toMatch(/^package\.json is not valid JSON/);
  });
});
