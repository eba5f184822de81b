import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String);

const inputSchema = z.object({
  description: z.string().default(''),
  required: z
    .union([z.boolean(), z.enum(['true', 'false'])])
    .transform((value) => value === true || value === 'true')
    .default(false),
  default: scalar.optional(),
  deprecationMessage: z.string().optional(),
});

const manifestSchema = z.object({
  name: z.string().min(1),
  description: z.string().default(''),
  author: z.string().optional(),
  inputs: z
    .record(
      z.string(),
      inputSchema.nullable().transform((value) => value ?? inputSchema.parse({})),
    )
    .default({}),
  outputs: z
    .record(
      z.string(),
      z
        .object({ description: z.string().default('') })
        .nullable()
        .transform((value) => value ?? { description: '' }),
    )
    .default({}),
  runs: z.object({
    using: z
      .string()
      .refine(
        (value) => /^node(12|16|20|24)$/i.test(value),
        'a JavaScript action: node12, node16, node20 or node24',
      ),
    main: z.string().min(1),
    pre: z.string().optional(),
    post: z.string().optional(),
  }),
});

export type ActionManifest = z.output<typeof manifestSchema>;
export type ManifestInput = ActionManifest['inputs'][string];

/** Reads and validates `action.yml` (or `action.yaml`) of a JavaScript action. */
export function readActionManifest(actionDir: string): ActionManifest {
  let file = join(actionDir, 'action.yml');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    file = join(actionDir, 'action.yaml');
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new Error(`no action.yml in ${actionDir}`);
    }
  }
  return parseActionManifest(text, file);
}

/** Validates the text of an action.yml; `file` only names it in errors. */
export function parseActionManifest(text: string, file = 'action.yml'): ActionManifest {
  let document: unknown;
  try {
    document = parse(text);
  } catch (thrown) {
    throw new Error(`${file}: ${thrown instanceof Error ? thrown.message.split('\n')[0] : String(thrown)}`);
  }
  const parsed = manifestSchema.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  }
  return parsed.data;
}
