import { statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
// zod/mini, not classic zod: every action loads this at its entry, and classic zod's module and the methods it
// binds to every schema cost about a tenth more of a start (docs/benchmarks.md). Packages use classic zod.
import * as z from 'zod/mini';
import { InputError } from './errors';
import { hasUrlCredentials } from './redact';
import { outsideText, outsideWritePlaces, type WritePlaces } from './write-places';

/** Where relative paths in inputs point (the run's workspace), and where files may be written. */
export interface InputPlaces extends WritePlaces {
  workspace: string;
}

/** Which builder made a field: what a test (or a docs table) may assume of the values it takes. */
export type InputKind =
  | 'text'
  | 'boolean'
  | 'choice'
  | 'integer'
  | 'duration'
  | 'fraction-or-count'
  | 'url'
  | 'file'
  | 'folder'
  | 'output-file'
  | 'image'
  | 'git-sha'
  | 'key-values'
  | 'custom'
  | 'list'
  | 'alias';

/** A form text must have (a Fly app name, a region code): `test` says whether a value has it. */
export interface Grammar {
  test(text: string): boolean;
  /** What is allowed, as a noun phrase: `a Fly region code (three lowercase letters, e.g. iad)`. */
  expected: string;
}

/** A grammar from a regular expression matched against the whole value. */
export function grammar(pattern: RegExp, expected: string): Grammar {
  return { test: (text) => pattern.test(text), expected };
}

/** What action.yml says of one input; the kit keeps it beside the field's schema. */
export interface InputInfo {
  kind: InputKind;
  required: boolean;
  /** The default exactly as action.yml writes it (expressions such as `${{ github.token }}` included). */
  default?: string;
  secret: boolean;
  /** A short description of the allowed values, used in error messages. */
  expected: string;
  /**
   * Whole error sentences (after "Input 'name' ") for values refused for a reason other than their form,
   * keyed by the refinement's message. The value is never repeated: it may hold a credential.
   */
  refusals?: Record<string, string>;
  /**
   * A check against the run's places once the form is right (a file that must exist): the value to use, or
   * why the value is refused (`which does not exist`).
   */
  settle?: (value: unknown, places: InputPlaces) => { value: unknown } | { refused: string };
  /** Set on a deprecated alias: the input it stands for. */
  aliasOf?: string;
  /** A path read relative to the folder another input names (stack-guard's policy, relative to its path). */
  relativeTo?: string;
  /** A choice's values. */
  choices?: readonly string[];
  /** An integer's bounds, or a duration's in milliseconds. */
  min?: number;
  max?: number;
  /** Text (or a list's lines) that may span lines; other text is one line without control characters. */
  multiline?: boolean;
  /** Text (or each item of a list) that must have this form. */
  grammar?: Grammar;
  /** A token: shorter values are refused before anything is masked (see `input.token`). */
  shortestToken?: number;
  /** A token read from this environment variable when the input is not given; `required`: one of them must be. */
  environment?: TokenEnvironment;
}

/**
 * Fewer characters than this cannot be a real token, and masking them would blank those characters in every
 * line of the log (a one-letter token turns "Input 'steps'" into "Inpu*** 's***eps'").
 */
export const shortestToken = 8;

/** What every URL input says when it is given `user:password@`. */
export const urlCredentialsRefusal =
  "must not carry credentials (user:password@): pass a token through the action's token input, or an Authorization header, instead.";

/** The environment variable a token input falls back to (fly-api-token to FLY_API_TOKEN). */
export interface TokenEnvironment {
  variable: string;
  /** The action cannot run without the input or the variable. */
  required: boolean;
}

/** A field's schema takes the raw string (undefined when the input was not given). */
export type InputField<T> = z.ZodMiniType<T, string | undefined>;

const infos = new WeakMap<z.ZodMiniType, InputInfo>();

function field<T>(schema: InputField<T>, info: InputInfo): InputField<T> {
  infos.set(schema, info);
  return schema;
}

/** What action.yml says of an input, given to every builder. */
export interface InputOptions {
  /** The action cannot run without it: action.yml says `required: true` and the kit refuses a run without it. */
  required?: boolean;
  /** The default as written in action.yml. */
  default?: string;
  /** Masked before anything else happens, never echoed in an error. */
  secret?: boolean;
}

/** How a text input is read: one line unless `multiline`, at most `maxLength` characters, of a grammar if given. */
export interface TextOptions extends InputOptions {
  multiline?: boolean;
  /** Default 1,024 characters for one line, 65,536 for several. */
  maxLength?: number;
  grammar?: Grammar;
}

/** Longer text is refused: no input of one line needs more, and a huge value only slows everything after it. */
const longestLine = 1024;
const longestText = 65_536;
/** A token is longer than any line, but not by much: Fly's macaroons run to a few kilobytes. */
const longestToken = 16_384;
const longestPath = 4096;
/** What servers and proxies take in a request line. */
const longestUrl = 8_192;

/** Control characters (newline, tab, ESC, DEL…); text of several lines may hold newlines, returns and tabs. */
const lineControl = /\p{Cc}/u;
const textControl = /[^\P{Cc}\n\r\t]/u;

/** A default the runner evaluates: `${{ github.token }}`. */
const expression = /^\$\{\{.*\}\}$/s;

/** No options given. */
type Unset = Record<never, never>;

/** A field's value: always there when required or given a literal default, else possibly undefined. */
type Given<T, O> = O extends { required: true } | { environment: { required: true } }
  ? T
  : O extends { default: `\${{${string}}}` }
    ? T | undefined
    : O extends { default: string }
      ? T
      : T | undefined;

/** A path that must exist: there when required, else possibly absent (a default may name a missing file). */
type Present<O> = O extends { required: true } ? string : string | undefined;

/** Why a value is refused, as a whole sentence after "Input 'name' ": carried by a zod issue's params. */
interface Sentence {
  sentence: string;
}

/** Builds a field from the form of one value: `form` sees only given, non-empty text. */
function build<T, O extends InputOptions>(
  form: z.ZodMiniType<T, string>,
  options: O,
  describe: Omit<InputInfo, 'required' | 'secret' | 'default'>,
): InputField<Given<T, O>> {
  // A default the runner evaluates (`${{ github.token }}`) may come to nothing: the value may then be absent.
  const defaulted = options.default !== undefined && !expression.test(options.default);
  const schema = options.required || defaulted ? form : z.optional(form);
  return field(schema as unknown as InputField<Given<T, O>>, {
    required: options.required ?? false,
    secret: options.secret ?? false,
    ...(options.default !== undefined ? { default: options.default } : {}),
    ...describe,
  });
}

/** A path as an input gives it: one line without control characters, no longer than Linux takes (PATH_MAX). */
function pathText(): z.ZodMiniType<string, string> {
  return z.string().check(
    z.superRefine((text, context) => {
      const refusal = shapeRefusal(text, false, longestPath);
      if (refusal) refuse(context, refusal);
    }),
  );
}

/** Where a form reports why it refuses a value: a refinement's context, or a transform's (below). */
interface IssueContext {
  addIssue(issue: { code: 'custom'; message: string; params?: Sentence }): void;
}

/** zod/mini's transform, with the `addIssue` classic zod gives it (mini hands the bare parse payload). */
function transform<I, O>(read: (value: I, context: IssueContext) => O) {
  return z.transform((value: I, payload) =>
    read(value, { addIssue: (issue) => payload.issues.push({ ...issue, input: value }) }),
  );
}

/** A refusal as a whole sentence after "Input 'name' ". */
function refuse(context: IssueContext, sentence: string): void {
  const params: Sentence = { sentence };
  context.addIssue({ code: 'custom', message: 'sentence', params });
}

/** Why text of this length and these characters is refused, or undefined when it is not. */
function shapeRefusal(text: string, multiline: boolean, maxLength: number): string | undefined {
  if (text.length > maxLength) return `must be at most ${maxLength} characters long; got ${text.length}.`;
  if (multiline ? textControl.test(text) : lineControl.test(text)) {
    return multiline
      ? 'must be text without control characters (ESC, NUL…) other than newlines and tabs.'
      : 'must be one line without control characters (newline, tab, ESC…).';
  }
  return undefined;
}

/** A form that reads text with `read`, which returns undefined for text it refuses. */
function readWith<T>(read: (text: string) => T | undefined): z.ZodMiniType<T, string> {
  return z.pipe(
    z.string(),
    transform((text: string, context) => {
      const value = read(text);
      if (value === undefined) {
        context.addIssue({ code: 'custom', message: 'form' });
        return z.NEVER;
      }
      return value;
    }),
  ) as unknown as z.ZodMiniType<T, string>;
}

const truthy = ['true', 'True', 'TRUE'];
const falsy = ['false', 'False', 'FALSE'];

const durationUnits: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
const dayUnits: Record<string, number> = { ...durationUnits, d: 86_400_000, w: 604_800_000 };
const dayMs = 86_400_000;

/**
 * `90s`, `5m`, `1h30m`, `250ms`, or whole seconds (with `days`, `7d` and `2w` too), in milliseconds; undefined
 * for anything else.
 */
export function parseDurationText(
  text: string,
  { days = false }: { days?: boolean } = {},
): number | undefined {
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const units = days ? dayUnits : durationUnits;
  // `ms` comes before `m` in both, so `250ms` is not read as 250 minutes and an `s`.
  const part = `(\\d+(?:\\.\\d+)?)(${Object.keys(units).join('|')})`;
  if (!new RegExp(`^(?:${part})+$`).test(text)) return undefined;
  let ms = 0;
  for (const [, amount, unit] of text.matchAll(new RegExp(part, 'g'))) {
    ms += Number(amount) * (units[unit as string] as number);
  }
  return Math.round(ms);
}

/** A duration as people write it: `50ms`, `90s`, `5m`, `1h30m`. */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms % 1000 !== 0) return `${ms}ms`;
  let seconds = ms / 1000;
  const hours = Math.floor(seconds / 3600);
  seconds -= hours * 3600;
  const minutes = Math.floor(seconds / 60);
  seconds -= minutes * 60;
  return `${hours ? `${hours}h` : ''}${minutes ? `${minutes}m` : ''}${seconds ? `${seconds}s` : ''}`;
}

// The reference grammar of distribution/reference (the one docker, containerd and flyctl parse with).
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domain = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const pathComponent = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const imageName = `(?:${domain}/)?${pathComponent}(?:/${pathComponent})*`;
const imageTag = '[\\w][\\w.-]{0,127}';
const imageDigest = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const imageReference = new RegExp(`^(${imageName})(?::${imageTag})?(?:@(${imageDigest}))?$`);

/** True when `text` is an OCI image reference: `name[:tag][@digest]`, name at most 255 characters. */
export function isImageReference(text: string): boolean {
  const match = imageReference.exec(text);
  if (!match) return false;
  const [, name = '', digest] = match;
  if (name.length > 255) return false;
  // sha256, the only algorithm registries use, has exactly 64 hex digits.
  return !digest?.startsWith('sha256:') || /^sha256:[0-9a-fA-F]{64}$/.test(digest);
}

const mapKey = /^[A-Za-z_][A-Za-z0-9_]*$/;

function pathIn(places: InputPlaces, given: string): string {
  return isAbsolute(given) ? given : resolve(places.workspace, given);
}

function kindOf(path: string): 'file' | 'folder' | 'other' | undefined {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(path, { throwIfNoEntry: false });
  } catch {
    // ENOTDIR (a file on the way), EACCES: nothing usable there.
    return undefined;
  }
  if (!stats) return undefined;
  return stats.isFile() ? 'file' : stats.isDirectory() ? 'folder' : 'other';
}

/** Builders for input fields. Values arrive as strings; each builder says how to read one. */
export const input = {
  /**
   * Text; an empty string counts as not given. One line without control characters unless `multiline`, at most
   * `maxLength` characters, and of `grammar` when given (a Fly app name, a repository).
   */
  text<const O extends TextOptions = Unset>(options: O = {} as O) {
    const multiline = options.multiline ?? false;
    const maxLength = options.maxLength ?? (multiline ? longestText : longestLine);
    const form = z.string().check(
      z.superRefine((text, context) => {
        const refusal = shapeRefusal(text, multiline, maxLength);
        if (refusal) refuse(context, refusal);
        else if (options.grammar && !options.grammar.test(text))
          context.addIssue({ code: 'custom', message: 'form' });
      }),
    );
    return build(form, options, {
      kind: 'text',
      expected: options.grammar?.expected ?? (multiline ? 'text' : 'one line of text'),
      ...(multiline ? { multiline } : {}),
      ...(options.grammar ? { grammar: options.grammar } : {}),
    });
  },

  /** A text input the action cannot run without. */
  requiredText(options: { secret?: boolean } = {}): InputField<string> {
    return input.text({ required: true, secret: options.secret ?? false });
  },

  /** A secret: masked before anything else happens, never echoed in an error. */
  secret<const O extends Omit<TextOptions, 'secret' | 'grammar'> = Unset>(options: O = {} as O) {
    return input.text({ ...options, secret: true } as O & { secret: true });
  },

  /**
   * A token or key: a secret of at least `shortestToken` characters, refused before it is masked, and of printable
   * ASCII (it goes into an HTTP header, which takes nothing else).
   */
  token<const O extends Omit<InputOptions, 'secret'> & { environment?: TokenEnvironment } = Unset>(
    options: O = {} as O,
  ) {
    const schema = input.secret({
      ...options,
      maxLength: longestToken,
      grammar: grammar(/^[\x20-\x7e]+$/, 'a token of printable ASCII characters, from a secret'),
    });
    const info = infos.get(schema);
    if (info) info.shortestToken = shortestToken;
    if (info && options.environment) info.environment = options.environment;
    return schema;
  },

  /** true or false, exactly as @actions/core's getBooleanInput reads them: typos are errors, not false. */
  boolean(options: { default: 'true' | 'false' }): InputField<boolean> {
    const form = readWith((text) =>
      truthy.includes(text) ? true : falsy.includes(text) ? false : undefined,
    );
    return build(form, options, { kind: 'boolean', expected: 'true or false' });
  },

  /** One of a fixed set of words. */
  choice<
    const V extends readonly [string, ...string[]],
    const O extends Omit<InputOptions, 'default'> & { default?: V[number] } = Unset,
  >(values: V, options: O = {} as O) {
    return build(z.enum(values) as unknown as z.ZodMiniType<V[number], string>, options, {
      kind: 'choice',
      expected: `one of ${values.join(', ')}`,
      choices: values,
    });
  },

  /** A whole number within bounds. */
  integer<const O extends InputOptions & { min?: number; max?: number } = Unset>(options: O = {} as O) {
    const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = options;
    const form = readWith((text) => {
      const n = /^-?\d+$/.test(text) ? Number(text) : Number.NaN;
      return n >= min && n <= max ? n : undefined;
    });
    return build(form, options, {
      kind: 'integer',
      expected: `a whole number${bounds(options.min, options.max, String)}`,
      min,
      max,
    });
  },

  /**
   * A duration, `90s`, `5m`, `1h30m` or `250ms` (or whole seconds), read as milliseconds within bounds
   * (default from 1s to 24h). `days` takes `7d` and `2w` too; `none` reads `none` (or `0`) as Infinity, no limit.
   */
  duration<
    const O extends InputOptions & { minMs?: number; maxMs?: number; days?: boolean; none?: boolean } = Unset,
  >(options: O = {} as O) {
    const { minMs = 1000, maxMs = 24 * 3_600_000, days = false, none = false } = options;
    const form = readWith((text) => {
      // `0` stays a way to say `none`: a limit of nothing would refuse everything.
      if (none && (text === 'none' || text === '0')) return Number.POSITIVE_INFINITY;
      const ms = parseDurationText(text, { days });
      return ms !== undefined && ms >= minMs && ms <= maxMs ? ms : undefined;
    });
    const show = (ms: number) => (days && ms % dayMs === 0 ? `${ms / dayMs}d` : formatDuration(ms));
    const examples = days ? '24h, 7d or 2w' : '90s, 5m or 1h30m';
    return build(form, options, {
      kind: 'duration',
      expected: `a duration such as ${examples}, from ${show(minMs)} to ${show(maxMs)}${none ? ', or none for no limit' : ''}`,
      min: minMs,
      max: maxMs,
    });
  },

  /** A share below 1 (`0.33`, rounded up by whoever applies it) or a whole count from 1 (`2`), as a number. */
  fractionOrCount<const O extends InputOptions = Unset>(options: O = {} as O) {
    const form = readWith((text) => {
      if (!/^\d+(?:\.\d+)?$/.test(text)) return undefined;
      const n = Number(text);
      return n > 0 && (n < 1 || Number.isInteger(n)) ? n : undefined;
    });
    return build(form, options, {
      kind: 'fraction-or-count',
      expected: 'a fraction between 0 and 1 (e.g. 0.33) or a whole count from 1 (e.g. 2)',
    });
  },

  /**
   * An absolute http:// or https:// URL without credentials. `user:password@` is refused: credentials in a URL
   * end up in logs, so they go in a token input or a header.
   */
  url<const O extends InputOptions = Unset>(options: O = {} as O) {
    // The URL parser drops tabs and newlines and takes spaces in a path: such a value is a mistake, not a URL.
    const form = z.string().check(
      z.refine(
        (value) =>
          value.length <= longestUrl &&
          !/[\p{Cc}\s]/u.test(value) &&
          /^https?:\/\//i.test(value) &&
          URL.canParse(value),
        { message: 'form' },
      ),
      z.refine((value) => !hasUrlCredentials(value), { message: 'credentials' }),
    );
    return build(form, options, {
      kind: 'url',
      expected: 'an absolute http:// or https:// URL',
      refusals: { credentials: urlCredentialsRefusal },
    });
  },

  /**
   * An existing file, relative to the workspace (or to the folder input `relativeTo` names) or absolute; read as
   * its absolute path. A default names a file that may be absent (`fly.toml`): then the input reads as undefined.
   */
  file<const O extends InputOptions & { relativeTo?: string } = Unset>(
    options: O = {} as O,
  ): InputField<Present<O>> {
    const { relativeTo } = options;
    return build(pathText(), options, {
      kind: 'file',
      expected: `a file to read, relative to ${relativeTo ? `'${relativeTo}'` : 'the workspace'}`,
      settle: existing('file', options.default),
      ...(relativeTo ? { relativeTo } : {}),
    }) as InputField<Present<O>>;
  },

  /** An existing folder, relative to the workspace or absolute; read as its absolute path. */
  folder<const O extends InputOptions = Unset>(options: O = {} as O): InputField<Present<O>> {
    return build(pathText(), options, {
      kind: 'folder',
      expected: 'a folder, relative to the workspace',
      settle: existing('folder', options.default),
    }) as InputField<Present<O>>;
  },

  /**
   * A file the action will write, relative to the workspace or absolute; read as its absolute path. Refused
   * before any work: a folder, a path under a file, and a path whose real place (after symbolic links) is
   * outside the workspace and RUNNER_TEMP.
   */
  outputFile<const O extends InputOptions = Unset>(options: O = {} as O) {
    return build(pathText(), options, {
      kind: 'output-file',
      expected: 'a file to write in the workspace or RUNNER_TEMP',
      settle: (value, places) => {
        const path = pathIn(places, value as string);
        const kind = kindOf(path);
        if (kind === 'folder') return { refused: 'which is a folder' };
        if (kind === 'other') return { refused: 'which is not a regular file' };
        const outside = outsideWritePlaces(path, places);
        if (outside) return { refused: outsideText(path, outside) };
        let parent = dirname(path);
        while (kindOf(parent) === undefined && dirname(parent) !== parent) parent = dirname(parent);
        if (kindOf(parent) !== 'folder') return { refused: `whose folder ${parent} is not a folder` };
        return { value: path };
      },
    });
  },

  /** An OCI image reference, `registry/name[:tag][@sha256:digest]`, checked against the reference grammar. */
  image<const O extends InputOptions = Unset>(options: O = {} as O) {
    return build(
      readWith((text) => (isImageReference(text) ? text : undefined)),
      options,
      {
        kind: 'image',
        expected: 'an image reference such as registry.fly.io/app:tag or app@sha256:<64 hex digits>',
      },
    );
  },

  /** A full git commit SHA, 40 hex digits, read in lower case. */
  gitSha<const O extends InputOptions = Unset>(options: O = {} as O) {
    return build(
      readWith((text) => (/^[0-9a-f]{40}$/i.test(text) ? text.toLowerCase() : undefined)),
      options,
      {
        kind: 'git-sha',
        expected: 'a full commit SHA of 40 hex digits',
      },
    );
  },

  /** `NAME=value`, one a line; blank lines and `#` comments skipped. A bad line is named by its number. */
  keyValues<const O extends InputOptions = Unset>(options: O = {} as O) {
    const expected = 'NAME=value lines, each name of letters, digits and _';
    const form = z.pipe(
      z.string(),
      transform((text: string, context) => {
        const refusal = shapeRefusal(text, true, longestText);
        if (refusal) {
          refuse(context, refusal);
          return z.NEVER;
        }
        const map: Record<string, string> = {};
        for (const [index, line] of text.split(/\r?\n/).entries()) {
          const trimmed = line.trim();
          if (trimmed === '' || trimmed.startsWith('#')) continue;
          const equals = trimmed.indexOf('=');
          const key = equals > 0 ? trimmed.slice(0, equals).trim() : '';
          if (!mapKey.test(key)) {
            // Only what stands before '=' is echoed, and nothing of a secret input: a value may be sensitive.
            const given = options.secret
              ? ''
              : `; got '${shownText((equals >= 0 ? trimmed.slice(0, equals) : trimmed).slice(0, 40))}'`;
            const params: Sentence = {
              sentence: `line ${index + 1} must be NAME=value with a name of letters, digits and _${given}.`,
            };
            context.addIssue({ code: 'custom', message: 'line', params });
            return z.NEVER;
          }
          map[key] = trimmed.slice(equals + 1);
        }
        return map;
      }),
    ) as unknown as z.ZodMiniType<Record<string, string>, string>;
    return build(form, options, { kind: 'key-values', expected, multiline: true });
  },

  /**
   * A value of a form the action defines (a memory size, a step plan): `read` returns undefined for text it
   * refuses, or throws an Error whose message says why (it must not repeat a secret value).
   */
  custom<T, const O extends InputOptions = Unset>(
    options: O & { expected: string; read: (text: string) => T | undefined },
  ): InputField<Given<T, O>> {
    const form = z.pipe(
      z.string(),
      transform((text: string, context) => {
        const refusal = shapeRefusal(text, false, longestLine);
        if (refusal) {
          refuse(context, refusal);
          return z.NEVER;
        }
        let value: T | undefined;
        try {
          value = options.read(text);
        } catch (thrown) {
          const reason = thrown instanceof Error ? thrown.message : String(thrown);
          const given = options.secret ? '' : `; got '${shownText(text)}'`;
          const params: Sentence = { sentence: `must be ${options.expected}${given}: ${reason}.` };
          context.addIssue({ code: 'custom', message: 'reason', params });
          return z.NEVER;
        }
        if (value === undefined) {
          context.addIssue({ code: 'custom', message: 'form' });
          return z.NEVER;
        }
        return value;
      }),
    ) as unknown as z.ZodMiniType<T, string>;
    return build(form, options, { kind: 'custom', expected: options.expected });
  },

  /**
   * Several values, one per line or separated by commas; blanks dropped, each trimmed. Each item is one line
   * without control characters of at most 1,024 characters, and of `item` when given (a region code).
   */
  list(options: { default?: string; required?: boolean; item?: Grammar } = {}): InputField<string[]> {
    const { item } = options;
    const schema = z.pipe(
      z.optional(z.string()),
      transform((value: string | undefined, context) => {
        const items = (value ?? '')
          .split(/[\n,]/)
          .map((entry) => entry.trim())
          .filter((entry) => entry.length > 0);
        for (const entry of items) {
          if (entry.length > longestLine) {
            refuse(context, `has an item longer than ${longestLine} characters (${entry.length}).`);
            return z.NEVER;
          }
          if (lineControl.test(entry)) {
            refuse(context, 'has an item with a control character (tab, ESC…): items are text, one a line.');
            return z.NEVER;
          }
          if (item && !item.test(entry)) {
            refuse(context, `has '${shownText(entry)}', which is not ${item.expected}.`);
            return z.NEVER;
          }
        }
        return items;
      }),
    );
    return field(schema as unknown as InputField<string[]>, {
      kind: 'list',
      required: options.required ?? false,
      secret: false,
      expected: item
        ? `a list of ${item.expected}, one per line or comma-separated`
        : 'a list, one item per line or comma-separated',
      ...(item ? { grammar: item } : {}),
      ...(options.default !== undefined ? { default: options.default } : {}),
    });
  },

  /**
   * The old name of an input, kept for a while: action.yml gives it a `deprecationMessage`; a run that uses it
   * gets a warning and its value goes to `target`.
   */
  alias(target: string): InputField<undefined> {
    return field(
      z.pipe(
        z.any(),
        z.transform(() => undefined),
      ) as unknown as InputField<undefined>,
      {
        required: false,
        secret: false,
        kind: 'alias',
        expected: `the same as '${target}'`,
        aliasOf: target,
      },
    );
  },
};

/** A value as an error line may show it: control characters escaped, at most 80 characters. */
export function shownText(text: string): string {
  const escaped = text.replace(/\p{Cc}/gu, (char) =>
    char === '\n' ? '\\n' : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return escaped.length > 80 ? `${escaped.slice(0, 80)}… (${text.length} characters)` : escaped;
}

function bounds(min: number | undefined, max: number | undefined, show: (n: number) => string): string {
  if (min !== undefined && max !== undefined) return ` from ${show(min)} to ${show(max)}`;
  if (min !== undefined) return ` of at least ${show(min)}`;
  if (max !== undefined) return ` of at most ${show(max)}`;
  return '';
}

function existing(kind: 'file' | 'folder', fallback: string | undefined): NonNullable<InputInfo['settle']> {
  return (value, places) => {
    const path = pathIn(places, value as string);
    const found = kindOf(path);
    if (found === undefined && value === fallback) return { value: undefined };
    if (found === undefined) return { refused: 'which does not exist' };
    if (found !== kind)
      return { refused: found === 'folder' ? 'which is a folder' : `which is not a ${kind}` };
    return { value: path };
  };
}

export type InputShape = Record<string, InputField<unknown>>;
export type Inputs<S extends InputShape> = { [K in keyof S]: z.infer<S[K]> };

/** What the kit knows of each input, keyed by the action.yml name. */
export function describeInputs(shape: InputShape): Record<string, InputInfo> {
  const out: Record<string, InputInfo> = {};
  for (const [name, schema] of Object.entries(shape)) {
    const info = infos.get(schema);
    if (!info) throw new Error(`input '${name}' was not built with the kit's input builders`);
    out[name] = info;
  }
  // An alias is read as its target is: it refuses what the target refuses.
  for (const [name, info] of Object.entries(out)) {
    const target = info.aliasOf === undefined ? undefined : out[info.aliasOf];
    if (target?.refusals) out[name] = { ...info, refusals: target.refusals };
  }
  return out;
}

export interface ParseOptions {
  /** Receives every secret input's value before any parsing. */
  mask?: (value: string) => void;
  /** Receives the warning for a deprecated alias in use. */
  warn?: (message: string) => void;
  /** Where relative paths point (default: the current folder). */
  places?: InputPlaces;
  /** Where a token input's environment variable is read (default: this process's environment). */
  environment?: NodeJS.ProcessEnv;
}

/**
 * Reads every input once. Secrets are handed to `mask` before any parsing, so no later message
 * can carry them. An error names the input, what was given (unless secret) and what is allowed.
 */
export function parseInputs<S extends InputShape>(
  shape: S,
  read: (name: string) => string | undefined,
  options: ParseOptions = {},
): Inputs<S> {
  const infoByName = describeInputs(shape);
  const environment = options.environment ?? process.env;
  // A token not given as an input may come from its environment variable (FLY_API_TOKEN).
  const readGiven = (name: string) => {
    const value = read(name);
    const variable = infoByName[name]?.environment?.variable;
    return value?.trim() || variable === undefined ? value : environment[variable];
  };
  const given = (name: string) => {
    const raw = readGiven(name)?.trim();
    return raw === '' ? undefined : raw;
  };
  let tooShort: string | undefined;
  for (const [name, info] of Object.entries(infoByName)) {
    const value = readGiven(name);
    if (!info.secret || !value?.trim()) continue;
    // A short token is not masked: masking it would mangle the error that says so, and every later line.
    if (info.shortestToken !== undefined && value.trim().length < info.shortestToken) tooShort ??= name;
    else options.mask?.(value);
  }
  if (tooShort !== undefined) {
    // Said only when the token came from the variable, not the input.
    const variable = read(tooShort)?.trim() ? undefined : infoByName[tooShort]?.environment?.variable;
    throw new InputError(
      tooShort,
      `Input '${tooShort}' is too short for a token (fewer than ${shortestToken} characters): pass the whole token, from a secret${variable ? `, or set ${variable} to it` : ''}.`,
    );
  }
  const aliased = readAliases(infoByName, given, options.warn);
  const places = options.places ?? { workspace: process.cwd() };
  const result: Record<string, unknown> = {};
  // A path relative to another input's folder is read once that folder is.
  const order = Object.entries(shape).sort(
    ([a], [b]) =>
      Number(infoByName[a]?.relativeTo !== undefined) - Number(infoByName[b]?.relativeTo !== undefined),
  );
  for (const [name, schema] of order) {
    const info = infoByName[name] as InputInfo;
    const carried = aliased.get(name);
    // An error names the input the workflow wrote: the alias when the value came through it.
    const label = carried?.alias ?? name;
    let raw = carried?.value ?? given(name);
    // Expression defaults are evaluated by the runner; here only literal ones apply.
    if (raw === undefined && info.default !== undefined && !expression.test(info.default)) raw = info.default;
    if (raw === undefined && info.environment?.required) {
      throw new InputError(
        label,
        `Input '${label}' is required: pass a token from a secret, or set ${info.environment.variable}.`,
      );
    }
    if (raw === undefined && info.required) {
      throw new InputError(label, `Input '${label}' is required: expected ${info.expected}.`);
    }
    const shown = info.secret || raw === undefined ? '' : `; got '${shownText(raw)}'`;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const sentence = parsed.error.issues
        .map(
          (issue) =>
            (issue as { params?: Partial<Sentence> }).params?.sentence ?? info.refusals?.[issue.message],
        )
        .find((text) => text !== undefined);
      if (sentence) throw new InputError(label, `Input '${label}' ${sentence}`);
      throw new InputError(label, `Input '${label}' must be ${info.expected}${shown}.`);
    }
    let value: unknown = parsed.data;
    if (info.settle && value !== undefined) {
      const base =
        info.relativeTo === undefined ? undefined : (result[info.relativeTo] as string | undefined);
      const settled = info.settle(value, base === undefined ? places : { ...places, workspace: base });
      if ('refused' in settled) {
        throw new InputError(label, `Input '${label}' must be ${info.expected}${shown}, ${settled.refused}.`);
      }
      value = settled.value;
    }
    result[name] = value;
  }
  return result as Inputs<S>;
}

/**
 * The values deprecated aliases carry over to their inputs. The runner fills every input's default, so an input
 * still at its default counts as not given; given both ways with different values is an error.
 */
function readAliases(
  infoByName: Record<string, InputInfo>,
  given: (name: string) => string | undefined,
  warn: ((message: string) => void) | undefined,
): Map<string, { alias: string; value: string }> {
  const carried = new Map<string, { alias: string; value: string }>();
  for (const [alias, info] of Object.entries(infoByName)) {
    const target = info.aliasOf;
    const value = given(alias);
    if (target === undefined || value === undefined) continue;
    warn?.(`Input '${alias}' is deprecated: use '${target}' instead.`);
    const current = given(target);
    if (current !== undefined && current !== infoByName[target]?.default && current !== value) {
      throw new InputError(
        alias,
        `Input '${alias}' and input '${target}' are the same setting with different values: give only '${target}'.`,
      );
    }
    carried.set(target, { alias, value });
  }
  return carried;
}
