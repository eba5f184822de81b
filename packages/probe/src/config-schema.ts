// The checks file as people write it (YAML, validated by zod). Either a list of checks, or a mapping with a
// `checks:` list. Every value is checked here, so a mistake is reported at its file:line:column.
import { z } from 'zod';
import { parseJsonPath } from './json-path';
import { parseStatusRange, type StatusRange } from './status';

export const methods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type Method = (typeof methods)[number];

/** `x` or `[x, y]`: both forms read as a list. */
function oneOrMany<T extends z.ZodType>(item: T) {
  return z.preprocess((value) => (Array.isArray(value) ? value : [value]), z.array(item).min(1));
}

const statusItem = z.union([z.number(), z.string()]).transform((value, ctx): StatusRange => {
  const range = parseStatusRange(value);
  if (!range) {
    ctx.addIssue({
      code: 'custom',
      message: `'${value}' is not a status: write a code (200), a range (200-299) or a class (2xx)`,
    });
    return z.NEVER;
  }
  return range;
});

const regexText = z.string().superRefine((source, ctx) => {
  try {
    new RegExp(source);
  } catch (thrown) {
    ctx.addIssue({ code: 'custom', message: `not a regular expression: ${(thrown as Error).message}` });
  }
});

/** `/pattern/flags` in a header expectation is a regular expression; other text must appear in the value. */
export const regexLiteral = /^\/(.+)\/([dgimsuvy]*)$/s;

const headerExpectation = z
  .union([z.boolean(), z.string(), z.number().transform(String)])
  .superRefine((value, ctx) => {
    if (typeof value !== 'string') return;
    const literal = regexLiteral.exec(value);
    if (!literal) return;
    try {
      new RegExp(literal[1]!, literal[2]);
    } catch (thrown) {
      ctx.addIssue({ code: 'custom', message: `not a regular expression: ${(thrown as Error).message}` });
    }
  });

const headerName = z.string().regex(/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/, { message: 'not a valid header name' });

const jsonPathKey = z.string().superRefine((path, ctx) => {
  const steps = parseJsonPath(path);
  if (typeof steps === 'string') ctx.addIssue({ code: 'custom', message: steps });
});

const expectSchema = z.strictObject({
  status: oneOrMany(statusItem).optional(),
  'body-contains': oneOrMany(z.string().min(1)).optional(),
  'body-not-contains': oneOrMany(z.string().min(1)).optional(),
  'body-regex': oneOrMany(regexText).optional(),
  json: z.record(jsonPathKey, z.unknown()).optional(),
  headers: z.record(headerName, headerExpectation).optional(),
});

export const checkSchema = z
  .strictObject({
    name: z.string().trim().min(1).optional(),
    url: z
      .string()
      .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), {
        message: 'must be an absolute http:// or https:// URL (use path: for a path under base-url)',
      })
      .optional(),
    path: z.string().startsWith('/', { message: "a path starts with '/'" }).optional(),
    method: z
      .string()
      .transform((value) => value.toUpperCase())
      .pipe(z.enum(methods, { message: `a method is one of ${methods.join(', ')}` }))
      .optional(),
    headers: z
      .record(
        headerName,
        z.union([z.string(), z.number().transform(String)]).refine((value) => !/[\r\n]/.test(value), {
          message: 'a header value is one line',
        }),
      )
      .optional(),
    body: z.string().optional(),
    json: z.unknown().optional(),
    expect: expectSchema.optional(),
    'max-latency-ms': z.number().int().positive().optional(),
    'tls-min-days': z.number().min(0).optional(),
    'follow-redirects': z.boolean().optional(),
    'max-redirects': z.number().int().min(0).max(50).optional(),
    machine: z
      .string()
      .regex(/^[0-9a-z]+$/i, { message: 'a Fly machine id is letters and digits' })
      .optional(),
    'timeout-ms': z.number().int().min(1).optional(),
  })
  .superRefine((check, ctx) => {
    if ((check.url === undefined) === (check.path === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give exactly one of url or path' });
    }
    if (check.body !== undefined && check.json !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'give at most one of body or json' });
    }
  });

export type CheckConfig = z.output<typeof checkSchema>;

const checkList = z.array(checkSchema);
const checkDocument = z.strictObject({ checks: checkList });

/** The whole file: a list of checks, or `checks:` with a list. */
export const checksFileSchema = z.unknown().transform((value, ctx): CheckConfig[] => {
  const list = Array.isArray(value);
  const result = list ? checkList.safeParse(value) : checkDocument.safeParse(value);
  if (!result.success) {
    for (const issue of result.error.issues) {
      // A bad record key (a header name, a JSON path) is reported by zod as "Invalid key in record" with the
      // real reason inside.
      const inner = issue.code === 'invalid_key' ? issue.issues[0]?.message : undefined;
      ctx.addIssue({
        code: 'custom',
        message: inner ?? issue.message,
        path: issue.path as (string | number)[],
      });
    }
    return z.NEVER;
  }
  return Array.isArray(result.data) ? result.data : result.data.checks;
});
