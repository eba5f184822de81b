import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sarifValidator, sarifSchemaFile as schemaFile } from '../../../test/harness/sarif';
import { type ScanReport, scan, toJsonReport, toSarif } from '../src/index';
import { commit, gitRepo, regexRule } from './scan-helpers';

/** The parts of a SARIF log these tests read. */
interface SarifLog {
  $schema: string;
  version: string;
  runs: Array<{
    automationDetails: { id: string };
    tool: { driver: { rules: Array<{ id: string; name: string; defaultConfiguration: { level: string } }> } };
    results: Array<{
      ruleId: string;
      ruleIndex: number;
      level: string;
      partialFingerprints: Record<string, string>;
      locations: Array<{ physicalLocation: { region: Record<string, number> } }>;
    }>;
  }>;
}

const rules = [
  regexRule('no-fly-pg', /fly pg \w+/, { severity: 'error' }),
  regexRule('remix', /@remix-run\/\w+/, { kind: 'dependencies', severity: 'warning' }),
  { ...regexRule('whole-file', /x/, { severity: 'note' }), check: async () => [{ message: 'file-level' }] },
];

describe('SARIF', () => {
  let report: ScanReport;
  let validate: ReturnType<typeof sarifValidator>;
  beforeAll(async () => {
    validate = sarifValidator();
    const root = gitRepo();
    commit(root, 'x', {
      'ops/db runbook.md': 'fly pg connect\n',
      'package.json': '{"dependencies": {"@remix-run/node": "2"}}\n',
    });
    report = await scan({ root, rules, scope: 'full' });
  });

  it('uses only keywords whose meaning draft-04 and draft-07 share', () => {
    const text = readFileSync(schemaFile, 'utf8');
    expect(JSON.parse(text).$schema).toBe('http://json-schema.org/draft-04/schema#');
    expect(text).not.toMatch(/"(exclusiveMinimum|exclusiveMaximum|dependencies)"\s*:/);
  });

  it('validates against the SARIF 2.1.0 schema, and the check catches a bad level', () => {
    const sarif = toSarif(report, rules, {
      name: 'stack-guard',
      version: '1.2.3',
      informationUri: 'https://example.com',
    });
    expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);

    const broken = structuredClone(sarif) as { runs: Array<{ results: Array<{ level: string }> }> };
    broken.runs[0]!.results[0]!.level = 'fatal';
    expect(validate(broken)).toBe(false);
    expect(JSON.stringify(validate.errors)).toContain('level');
  });

  it('carries rules, levels, locations and fingerprints as code scanning reads them', () => {
    const sarif = toSarif(report, rules, { name: 'stack-guard', version: '1.2.3' }) as SarifLog;
    const run = sarif.runs[0]!;
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    expect(run.automationDetails.id).toBe('stack-guard/');
    expect(
      run.tool.driver.rules.map((rule) => [rule.id, rule.name, rule.defaultConfiguration.level]),
    ).toEqual([
      ['no-fly-pg', 'NoFlyPg', 'error'],
      ['remix', 'Remix', 'warning'],
      ['whole-file', 'WholeFile', 'note'],
    ]);
    const byRule = Object.fromEntries(run.results.map((result) => [result.ruleId, result]));
    expect(byRule['no-fly-pg']).toMatchObject({
      ruleIndex: 0,
      level: 'error',
      message: { text: 'found fly pg connect' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'ops/db%20runbook.md', uriBaseId: '%SRCROOT%' },
            region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 15 },
          },
        },
      ],
    });
    const finding = report.findings.find((f) => f.ruleId === 'no-fly-pg')!;
    expect(byRule['no-fly-pg']!.partialFingerprints).toEqual({
      primaryLocationLineHash: `${finding.fingerprint}:1`,
    });
    expect(byRule['whole-file']!.locations[0]!.physicalLocation.region).toEqual({ startLine: 1 });
    expect(byRule.remix!.ruleIndex).toBe(1);
  });

  it('gives the JSON report its documented shape, without matched text', () => {
    const json = toJsonReport(report, {
      source: '.github/stack-guard.yml',
      presets: ['fly-supabase'],
      rulesOff: [],
      rules,
    });
    expect(Object.keys(json)).toEqual([
      'version',
      'tool',
      'scope',
      'scopeNote',
      'policy',
      'counts',
      'files',
      'suppressed',
      'findings',
    ]);
    expect(json).toMatchObject({
      version: 1,
      scope: 'full',
      policy: { source: '.github/stack-guard.yml', presets: ['fly-supabase'], rules: 3 },
      counts: { error: 1, warning: 1, note: 2 },
      suppressed: { baseline: 0, ignored: 0 },
    });
    const first = json.findings.find((f) => f.ruleId === 'no-fly-pg')!;
    expect(Object.keys(first)).toEqual([
      'ruleId',
      'kind',
      'severity',
      'path',
      'line',
      'column',
      'endLine',
      'endColumn',
      'message',
      'fingerprint',
    ]);
    expect(JSON.stringify(json)).not.toContain('"match"');
  });
});
