import { z } from 'zod';
import type { ruleKinds } from './types';

// The policy file's shape. Keys are kebab-case, objects are strict (a typo is an error with a location, not a
// silently ignored key), and every field carries a description so editors can complete and explain it.

const glob = z.string().min(1);
const globs = (what: string) => z.array(glob).describe(what);
const regexSource = z.string().min(1);

export const ruleSeverities = ['error', 'warning', 'note', 'off'] as const;
const severity = z
  .enum(ruleSeverities)
  .describe("How findings of this rule are reported; 'off' disables the rule. Default: error.");

const ruleId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, { message: 'invalid rule id' })
  .describe('Unique id of the rule: lowercase letters, digits and dashes.');

const common = {
  id: ruleId,
  severity: severity.optional(),
  message: z
    .string()
    .min(1)
    .optional()
    .describe('Appended to each finding of this rule: "<what was found> — <message>".'),
  description: z
    .string()
    .min(1)
    .optional()
    .describe('One sentence: what the rule keeps out and why (shown as the SARIF rule description).'),
  files: globs('Globs (picomatch, dotfiles included) of the files the rule looks at.').optional(),
  ignore: globs('Globs of files this rule skips.').optional(),
};

const packageName = z.string().min(1).describe('Package name or name glob, e.g. @remix-run/*.');
const semverRange = z.string().min(1).describe('A semver range, e.g. ">=7".');

export const dependencySections = [
  'dependencies',
  'devDependencies',
  'peerDependencies',
  'optionalDependencies',
] as const;

const dependenciesRule = z
  .strictObject({
    ...common,
    kind: z.literal('dependencies'),
    forbid: z
      .array(
        z.union([
          packageName,
          z.strictObject({
            name: packageName,
            version: semverRange
              .optional()
              .describe('Forbidden only when the declared range can resolve into this range.'),
          }),
        ]),
      )
      .optional()
      .describe('Packages that must not be declared (name globs, optionally only within a version range).'),
    require: z
      .array(
        z.strictObject({
          name: z.string().min(1).describe('Exact package name.'),
          version: semverRange
            .optional()
            .describe('The lowest version the declared range allows must satisfy this range.'),
          files: globs(
            'Where this requirement applies (default: the rule files), e.g. ["package.json"].',
          ).optional(),
        }),
      )
      .optional()
      .describe('Packages every package.json the rule applies to must declare, in any section.'),
    constrain: z
      .array(
        z.strictObject({
          name: packageName,
          version: semverRange.describe(
            'The lowest version the declared range allows must satisfy this range.',
          ),
        }),
      )
      .optional()
      .describe('Version ranges packages must satisfy wherever they are declared.'),
    sections: z
      .array(z.enum(dependencySections))
      .min(1)
      .optional()
      .describe('package.json sections to read. Default: all four.'),
  })
  .superRefine((rule, ctx) => {
    if (!rule.forbid && !rule.require && !rule.constrain) {
      ctx.addIssue({
        code: 'custom',
        message: `rule '${rule.id}' has nothing to check`,
        params: { expected: 'at least one of: forbid, require, constrain' },
      });
    }
  })
  .describe('Forbid, require or constrain packages in package.json files (default files: **/package.json).');

const textRule = z
  .strictObject({
    ...common,
    kind: z.literal('text'),
    files: globs('Globs (picomatch, dotfiles included) of the files the rule looks at. Required.'),
    pattern: regexSource.optional().describe('A JavaScript regular expression (source, no slashes).'),
    patterns: z.array(regexSource).min(1).optional().describe('Several regular expressions; any may match.'),
    'case-sensitive': z.boolean().optional().describe('Match case exactly. Default: false.'),
    'exclude-pattern': regexSource.optional().describe('A line matching this regular expression is skipped.'),
  })
  .superRefine((rule, ctx) => {
    if ((rule.pattern === undefined) === (rule.patterns === undefined)) {
      ctx.addIssue({
        code: 'custom',
        message:
          rule.pattern === undefined
            ? `rule '${rule.id}' has no pattern`
            : `rule '${rule.id}' has both pattern and patterns`,
        params: { expected: 'exactly one of: pattern, patterns' },
      });
    }
  })
  .describe('Regular expressions over the text of files.');

const assertionOps = [
  'absent',
  'present',
  'equals',
  'one-of',
  'matches',
  'not-matches',
  'min',
  'max',
] as const;
const bound = z
  .union([z.number(), z.string().min(1)])
  .describe('A number, or a size such as 512mb or 1gb (compared in MB; a bare number is MB).');

const assertion = z
  .strictObject({
    path: z
      .string()
      .min(1)
      .describe('Dotted path; * is any key, [*] any array item, [n] item n, e.g. vm[*].memory or scripts.*.'),
    absent: z.literal(true).optional().describe('The path must not exist.'),
    present: z.literal(true).optional().describe('The path must exist.'),
    equals: z.unknown().optional().describe('The value must exist and equal this value.'),
    'one-of': z
      .array(z.unknown())
      .min(1)
      .optional()
      .describe('When present, the value must be one of these.'),
    matches: regexSource.optional().describe('When present, the value must match this regular expression.'),
    'not-matches': regexSource
      .optional()
      .describe('When present, the value must not match this regular expression.'),
    min: bound.optional().describe('When present, the value must be at least this (number or size).'),
    max: bound.optional().describe('When present, the value must be at most this (number or size).'),
  })
  .superRefine((value, ctx) => {
    const ops = assertionOps.filter((op) => value[op] !== undefined);
    if (ops.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: ops.length === 0 ? 'assertion has no operation' : `assertion has ${ops.length} operations`,
        params: { expected: `exactly one of: ${assertionOps.join(', ')}` },
      });
    }
  })
  .describe('One check on one path: `path` and exactly one operation.');

export const structuredFormats = ['toml', 'json', 'yaml'] as const;

const structuredRule = z
  .strictObject({
    ...common,
    kind: z.literal('structured'),
    files: globs('Globs (picomatch, dotfiles included) of the files the rule looks at. Required.'),
    format: z
      .enum(structuredFormats)
      .optional()
      .describe('How to parse the files. Default: from the extension (.toml, .json, .yml/.yaml).'),
    'case-sensitive': z
      .boolean()
      .optional()
      .describe('Whether matches / not-matches respect case. Default: false.'),
    assert: z.array(assertion).min(1).describe('The checks, each on one path.'),
  })
  .describe('Assertions on paths in TOML, JSON or YAML files.');

const connectionStringsRule = z
  .strictObject({
    ...common,
    kind: z.literal('connection-strings'),
    schemes: z
      .array(z.string().regex(/^[a-z][a-z0-9+.-]*$/i))
      .min(1)
      .optional()
      .describe('URL schemes that are database URLs. Default: [postgres, postgresql].'),
    'allowed-hosts': globs(
      'Host globs a database URL may point at; any other host is a finding. Default: no host check.',
    ).optional(),
    'forbid-password': z
      .boolean()
      .optional()
      .describe(
        'An embedded password (not a placeholder, not on a loopback host) is a finding. Default: true.',
      ),
    'direct-required': z
      .strictObject({
        names: globs('Variable names (globs) whose URL must be a direct connection, e.g. DIRECT_URL.'),
        'pooler-ports': z
          .array(z.number().int().min(1).max(65535))
          .optional()
          .describe('Ports that mean a pooler. Default: [6543].'),
      })
      .optional()
      .describe('URLs assigned to these names must not use a pooler port.'),
  })
  .describe('Database URLs: allowed hosts, embedded passwords, pooler ports (default files: **/*).');

const secretsRule = z
  .strictObject({
    ...common,
    kind: z.literal('secrets'),
    disable: z
      .array(z.string().min(1))
      .optional()
      .describe(
        'Detectors to turn off: secretlint rule ids (short or full, e.g. database-connection-string) or the provider keys shipgate adds (fly-token, stripe-secret-key, supabase-secret-key, supabase-service-role-jwt, openai-project-key, chatwoot-token).',
      ),
  })
  .describe("Secrets in code, found by secretlint's recommended rules (default files: **/*).");

export const ruleSchema = z.discriminatedUnion('kind', [
  dependenciesRule,
  textRule,
  structuredRule,
  connectionStringsRule,
  secretsRule,
]);

/** The keys a rule of each kind accepts, for error messages about unknown keys. */
export const ruleKeys: Record<(typeof ruleKinds)[number], string[]> = {
  dependencies: Object.keys(dependenciesRule.shape),
  text: Object.keys(textRule.shape),
  structured: Object.keys(structuredRule.shape),
  'connection-strings': Object.keys(connectionStringsRule.shape),
  secrets: Object.keys(secretsRule.shape),
};

export const overrideSchema = z
  .strictObject({
    severity: severity.optional(),
    message: z.string().min(1).optional().describe('Replaces the rule message.'),
    ignore: globs('More globs of files this rule skips (added to the rule ones).').optional(),
  })
  .describe('Changes to a rule from a preset, by id.');

export const policySchema = z
  .strictObject({
    $schema: z.string().optional().describe('The JSON Schema of this file, for editors.'),
    extends: z
      .array(z.string().min(1))
      .optional()
      .describe('Built-in presets to apply, in order: fly-supabase, secrets.'),
    ignore: z
      .strictObject({
        paths: globs('Globs of files never scanned.').optional(),
        baseline: z
          .string()
          .min(1)
          .optional()
          .describe('Baseline file (JSON of finding fingerprints), relative to the scanned directory.'),
      })
      .optional()
      .describe('What is never reported.'),
    overrides: z
      .record(ruleId, overrideSchema)
      .optional()
      .describe('Per-rule changes (severity, message, ignore) keyed by rule id.'),
    rules: z.array(ruleSchema).optional().describe('Rules of this repository, on top of the presets.'),
  })
  .meta({
    title: 'stack-guard policy',
    description:
      'Policy file of shipgate stack-guard (.github/stack-guard.yml). See docs/stack-guard-policy.md.',
  });

export type RuleConfig = z.infer<typeof ruleSchema>;
export type DependenciesRuleConfig = z.infer<typeof dependenciesRule>;
export type TextRuleConfig = z.infer<typeof textRule>;
export type StructuredRuleConfig = z.infer<typeof structuredRule>;
export type AssertionConfig = z.infer<typeof assertion>;
export type ConnectionStringsRuleConfig = z.infer<typeof connectionStringsRule>;
export type SecretsRuleConfig = z.infer<typeof secretsRule>;
export type OverrideConfig = z.infer<typeof overrideSchema>;
export type PolicyConfig = z.infer<typeof policySchema>;
export const policyKeys = Object.keys(policySchema.shape);

/** The policy file's JSON Schema (draft-07, which editors' YAML plugins read best), generated from the zod schema. */
export function policyJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(policySchema, { target: 'draft-7', unrepresentable: 'any' });
  return {
    $schema: generated.$schema,
    ...generated,
  };
}
