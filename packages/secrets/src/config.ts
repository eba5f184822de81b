// The mirror file (`.github/secret-mirror.yml`): which values go where, checked by which rules. Validated once
// by a zod schema; mistakes are located `file:line:col` errors (the kit's parseConfig).
import { parseConfig } from '@shipgate/kit/config';
import picomatch from 'picomatch';
import { z } from 'zod';

export const defaultDigestVariable = 'SHIPGATE_SECRET_DIGESTS';

const relativePath = z.string().min(1, 'expected a path');
const glob = z.string().min(1, 'expected a name glob');

const sourceError =
  'expected a source: { file: a.env }, { vault: vault, environment: staging }, { json: a.json } or { env: { prefix: SHOP_ } }';

const sourceSchema = z.union(
  [
    z.strictObject({ file: relativePath }),
    z.strictObject({
      vault: relativePath,
      environment: z.string().regex(/^[\w.-]+$/, 'expected an environment name such as staging'),
      /** Only these services (folders); default every folder of the vault. */
      services: z.array(z.string().min(1)).optional(),
    }),
    z.strictObject({ json: relativePath }),
    z.strictObject({
      env: z.strictObject({ prefix: z.string().min(1, 'expected a prefix such as SHOP_') }),
    }),
  ],
  { error: sourceError },
);

/** A bare string is a file: JSON when it ends in .json, else dotenv. */
const sourceEntry = z.union([relativePath.transform(sourceFromPath), sourceSchema], { error: sourceError });

const ruleBase = { names: glob };
const ruleSchema = z.union(
  [
    z.strictObject({ ...ruleBase, 'non-empty': z.literal(true) }),
    z.strictObject({
      ...ruleBase,
      url: z.union([z.literal(true), z.strictObject({ protocols: z.array(z.string().min(1)).min(1) })]),
    }),
    z.strictObject({
      ...ruleBase,
      postgres: z.union([
        z.literal(true),
        z.strictObject({ port: z.number().int().min(1).max(65535).optional() }),
      ]),
    }),
    z.strictObject({ ...ruleBase, 'min-length': z.number().int().min(1) }),
    z.strictObject({
      ...ruleBase,
      regex: z.string().refine(isRegex, { error: 'expected a valid regular expression' }),
    }),
  ],
  {
    error: 'expected a rule: { names: GLOB } and one of non-empty: true, url, postgres, min-length: N, regex',
  },
);

export const alphabets = ['alnum', 'hex', 'base64url', 'symbols'] as const;
export type Alphabet = (typeof alphabets)[number];

const generatedSchema = z.strictObject({
  name: z.string().min(1),
  length: z.number().int().min(16, 'a generated secret needs at least 16 characters').max(4096).default(40),
  alphabet: z.enum(alphabets).default('alnum'),
});

const repositoryName = z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'expected owner/repo');

const githubTargetSchema = z
  .strictObject({
    repository: repositoryName.optional(),
    environment: z.string().min(1).optional(),
    'create-environment': z.boolean().default(false),
    organization: z.string().min(1).optional(),
    visibility: z.enum(['all', 'private', 'selected']).optional(),
    'selected-repositories': z.array(z.number().int().positive()).optional(),
  })
  .superRefine((target, context) => {
    const org = target.organization !== undefined;
    if (org && (target.repository || target.environment)) {
      context.addIssue({
        code: 'custom',
        path: ['organization'],
        message: 'an organization target takes no repository or environment',
      });
    }
    if (!org && (target.visibility || target['selected-repositories'])) {
      context.addIssue({
        code: 'custom',
        path: ['visibility'],
        message: 'visibility and selected-repositories apply to organization targets only',
      });
    }
    if (target['selected-repositories'] && target.visibility !== 'selected') {
      context.addIssue({
        code: 'custom',
        path: ['selected-repositories'],
        message: 'selected-repositories needs visibility: selected',
      });
    }
    if (target['create-environment'] && !target.environment) {
      context.addIssue({
        code: 'custom',
        path: ['create-environment'],
        message: 'create-environment needs an environment',
      });
    }
  });

const targetSchema = z.union(
  [
    z.strictObject({ github: githubTargetSchema }),
    z.strictObject({
      fly: z.strictObject({
        app: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a Fly app name (lower case, digits, -)'),
      }),
    }),
  ],
  { error: 'expected a target: { github: { environment: staging } } or { fly: { app: shop-staging } }' },
);

const secretName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected a secret name ([A-Za-z0-9_])');

const mirrorSchema = z.strictObject({
  name: z.string().regex(/^[\w.-]+$/, 'expected a mirror name ([A-Za-z0-9_.-])'),
  sources: z.array(sourceEntry).default([]),
  include: z.array(glob).default([]),
  exclude: z.array(glob).default([]),
  rename: z
    .strictObject({
      map: z.record(z.string(), secretName).default({}),
      prefix: z.string().default(''),
      suffix: z.string().default(''),
    })
    .default({ map: {}, prefix: '', suffix: '' }),
  rules: z.array(ruleSchema).default([]),
  generated: z.array(generatedSchema).default([]),
  targets: z.array(targetSchema).min(1, 'a mirror needs at least one target'),
  prune: z.union([z.boolean(), z.literal('all')]).default(false),
  'max-age-days': z.number().int().min(1).optional(),
});

export const mirrorConfigSchema = z
  .strictObject({
    'digest-variable': secretName.default(defaultDigestVariable),
    mirrors: z.array(mirrorSchema).min(1, 'expected at least one mirror'),
    parity: z.array(z.tuple([z.string(), z.string()])).default([]),
  })
  .superRefine((config, context) => {
    const names = new Set<string>();
    config.mirrors.forEach((mirror, index) => {
      if (names.has(mirror.name)) {
        context.addIssue({
          code: 'custom',
          path: ['mirrors', index, 'name'],
          message: `mirror '${mirror.name}' is named twice`,
        });
      }
      names.add(mirror.name);
      if (mirror.sources.length === 0 && mirror.generated.length === 0) {
        context.addIssue({
          code: 'custom',
          path: ['mirrors', index],
          message: `mirror '${mirror.name}' has neither sources nor generated secrets`,
        });
      }
    });
    config.parity.forEach((pair, index) => {
      pair.forEach((name, side) => {
        if (!names.has(name)) {
          context.addIssue({
            code: 'custom',
            path: ['parity', index, side],
            message: `no mirror is named '${name}'`,
          });
        }
      });
    });
  });

export type MirrorConfig = z.infer<typeof mirrorConfigSchema>;
export type Mirror = z.infer<typeof mirrorSchema>;
export type SourceSpec = z.infer<typeof sourceSchema>;
export type ValueRule = z.infer<typeof ruleSchema>;
export type GeneratedSpec = z.infer<typeof generatedSchema>;
export type TargetSpec = z.infer<typeof targetSchema>;
export type GitHubTargetSpec = z.infer<typeof githubTargetSchema>;

/** Parses and validates a mirror file; `source` names it in errors (`.github/secret-mirror.yml:12:7: …`). */
export function loadMirrorConfig(text: string, source: string): MirrorConfig {
  return parseConfig(text, source, mirrorConfigSchema);
}

/** The mirror file's JSON Schema (draft-07, for editors and docs): what people write. */
export function mirrorConfigJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(mirrorConfigSchema, { target: 'draft-7', unrepresentable: 'any', io: 'input' });
}

/**
 * The config with only the mirrors whose names match one of `patterns` (globs), and the parity pairs whose two
 * mirrors are both kept; every mirror when `patterns` is empty. secret-rotation.yml runs one environment's
 * mirrors per job, so each job needs only that environment's credentials. A pattern that matches no mirror
 * throws, naming the mirrors there are: a typo would otherwise leave a mirror never written.
 */
export function selectMirrors(config: MirrorConfig, patterns: readonly string[]): MirrorConfig {
  if (patterns.length === 0) return config;
  const names = config.mirrors.map((mirror) => mirror.name);
  const unmatched = patterns.filter((pattern) => {
    const matches = picomatch(pattern);
    return !names.some((name) => matches(name));
  });
  if (unmatched.length > 0) {
    const quoted = unmatched.map((pattern) => `'${pattern}'`).join(', ');
    throw new Error(
      `${quoted} ${unmatched.length === 1 ? 'matches' : 'match'} no mirror; the mirrors are ${names.join(', ')}`,
    );
  }
  const selected = picomatch([...patterns]);
  const kept = new Set(names.filter((name) => selected(name)));
  return {
    ...config,
    mirrors: config.mirrors.filter((mirror) => kept.has(mirror.name)),
    parity: config.parity.filter((pair) => pair.every((name) => kept.has(name))),
  };
}

/** One mirror described field by field, for teams without a config file. */
export interface SingleMirror {
  /** dotenv or JSON files, relative to the workspace. */
  sources: string[];
  include?: string[];
  exclude?: string[];
  githubEnvironment?: string;
  createEnvironment?: boolean;
  flyApp?: string;
  prune?: boolean;
  maxAgeDays?: number;
  digestVariable?: string;
}

/** A single mirror refused: `field` names the part of the request at fault, when one is. */
export class SingleMirrorError extends Error {
  constructor(
    readonly field: keyof SingleMirror | undefined,
    readonly reason: string,
  ) {
    super(field ? `${field}: ${reason}` : reason);
    this.name = 'SingleMirrorError';
  }
}

/**
 * One mirror, for teams without a file. Without a GitHub environment and a Fly app, the repository's secrets
 * are the target. Validated by the same schema as a file; an error names the field at fault.
 */
export function singleMirror(request: SingleMirror): MirrorConfig {
  const targets: unknown[] = [];
  if (request.githubEnvironment) {
    targets.push({
      github: {
        environment: request.githubEnvironment,
        'create-environment': request.createEnvironment ?? false,
      },
    });
  }
  if (request.flyApp) targets.push({ fly: { app: request.flyApp } });
  if (targets.length === 0) targets.push({ github: {} });
  const document = {
    ...(request.digestVariable ? { 'digest-variable': request.digestVariable } : {}),
    mirrors: [
      {
        name: 'secrets',
        sources: request.sources,
        include: request.include ?? [],
        exclude: request.exclude ?? [],
        targets,
        prune: request.prune ?? false,
        ...(request.maxAgeDays ? { 'max-age-days': request.maxAgeDays } : {}),
      },
    ],
  };
  const result = mirrorConfigSchema.safeParse(document);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new SingleMirrorError(fieldAt(issue.path), issue.message);
}

/** The request's field behind a place in the document singleMirror builds. */
function fieldAt(path: PropertyKey[]): keyof SingleMirror | undefined {
  const step = path[2];
  if (step === 'sources' || step === 'include' || step === 'exclude') return step;
  if (step === 'targets') return path[4] === 'fly' ? 'flyApp' : 'githubEnvironment';
  return undefined;
}

function sourceFromPath(path: string): SourceSpec {
  return /\.json$/i.test(path) ? { json: path } : { file: path };
}

function isRegex(pattern: string): boolean {
  try {
    new RegExp(pattern);
    return true;
  } catch {
    return false;
  }
}
