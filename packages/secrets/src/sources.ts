// Where values come from: dotenv files, a vault folder (`vault/<service>/<env>.env`), flat JSON files and
// prefixed environment variables. Each entry remembers its origin (`vault/shop-app/staging.env:3`) so every
// later message can point at the line without quoting the value.
import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import picomatch from 'picomatch';
import type { Mirror, SourceSpec } from './config';
import { scanDotenv } from './dotenv-lines';
import { type TargetKind, targetKinds, validateName } from './names';

export interface SecretEntry {
  /** The name at the targets (after renames). */
  name: string;
  value: string;
  /** `path:line` of a file, `env NAME` of a variable. */
  origin: string;
}

export interface SourceContext {
  workspace: string;
  env: NodeJS.ProcessEnv;
}

/** Sources that cannot be used as they are; every problem is listed, each with its origin. */
export class SourceError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.length === 1 ? problems[0]! : `${problems.length} problems: ${problems.join('; ')}`);
    this.name = 'SourceError';
  }
}

/**
 * Reads every source of the mirror, filters (include/exclude on the source names), renames, and checks that
 * names are unique and valid for each kind of target. Throws SourceError naming every problem.
 */
export async function loadSources(mirror: Mirror, context: SourceContext): Promise<SecretEntry[]> {
  const raw: SecretEntry[] = [];
  for (const source of mirror.sources) raw.push(...(await readSource(source, context)));
  const problems: string[] = [];
  checkUnique(raw, problems);

  const included = mirror.include.length > 0 ? picomatch(mirror.include) : () => true;
  const excluded = mirror.exclude.length > 0 ? picomatch(mirror.exclude) : () => false;
  const entries = raw
    .filter((entry) => included(entry.name) && !excluded(entry.name))
    .map((entry) => ({ ...entry, name: renamed(entry.name, mirror.rename) }));
  if (problems.length === 0) checkUnique(entries, problems);

  const generated = new Set(mirror.generated.map((spec) => spec.name));
  for (const entry of entries) {
    if (generated.has(entry.name)) {
      problems.push(`${entry.origin}: ${entry.name} is also a generated secret of mirror '${mirror.name}'`);
    }
  }
  const kinds = targetKinds(mirror.targets);
  for (const entry of entries) {
    for (const problem of nameProblems(entry.name, kinds)) problems.push(`${entry.origin}: ${problem}`);
  }
  for (const spec of mirror.generated) {
    for (const problem of nameProblems(spec.name, kinds)) problems.push(`generated ${spec.name}: ${problem}`);
  }
  if (problems.length > 0) throw new SourceError(problems);
  return entries;
}

function nameProblems(name: string, kinds: Set<TargetKind>): string[] {
  return [...kinds].flatMap((kind) => validateName(name, kind) ?? []);
}

function renamed(name: string, rename: Mirror['rename']): string {
  return `${rename.prefix}${rename.map[name] ?? name}${rename.suffix}`;
}

/** Names compare case-insensitively, as GitHub stores them. */
function checkUnique(entries: SecretEntry[], problems: string[]): void {
  const seen = new Map<string, SecretEntry>();
  for (const entry of entries) {
    const key = entry.name.toUpperCase();
    const first = seen.get(key);
    if (first) {
      problems.push(`${entry.name} is defined twice: at ${first.origin} and at ${entry.origin}`);
    } else {
      seen.set(key, entry);
    }
  }
}

async function readSource(source: SourceSpec, context: SourceContext): Promise<SecretEntry[]> {
  if ('file' in source) return dotenvEntries(source.file, await readText(context, source.file));
  if ('json' in source) return jsonEntries(source.json, await readText(context, source.json));
  if ('vault' in source) return vaultEntries(source, context);
  return envEntries(source.env.prefix, context.env);
}

async function readText(context: SourceContext, path: string): Promise<string> {
  try {
    return await readFile(resolveIn(context.workspace, path), 'utf8');
  } catch (thrown) {
    const code = (thrown as NodeJS.ErrnoException).code;
    throw new SourceError([`${path}: cannot read the source (${code ?? 'error'})`]);
  }
}

function resolveIn(workspace: string, path: string): string {
  return isAbsolute(path) ? path : resolve(workspace, path);
}

/**
 * One entry per assignment, with its line: the syntax checked by `scanDotenv` (any other line, or a quote never
 * closed, is an error naming file:line), the values read by dotenv's own parser. A key assigned twice stays
 * twice, so `loadSources` names both lines instead of keeping the last silently.
 */
export function dotenvEntries(path: string, text: string): SecretEntry[] {
  const scan = scanDotenv(text);
  if (scan.problems.length > 0) {
    throw new SourceError(scan.problems.map(({ line, problem }) => `${path}:${line}: ${problem}`));
  }
  const values = parseDotenv(text);
  return scan.assignments.map(({ key, line }) => {
    const value = values[key];
    if (value === undefined) throw new SourceError([`${path}:${line}: ${key} could not be read as dotenv`]);
    return { name: key, value, origin: `${path}:${line}` };
  });
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset; index++) if (text.charCodeAt(index) === 10) line++;
  return line;
}

/** A flat JSON object of strings; anything else is an error pointing at the key. */
export function jsonEntries(path: string, text: string): SecretEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (thrown) {
    throw new SourceError([`${path}: invalid JSON: ${(thrown as Error).message.split('\n')[0]}`]);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new SourceError([`${path}: expected a flat JSON object of strings`]);
  }
  const problems: string[] = [];
  const entries: SecretEntry[] = [];
  for (const [name, value] of Object.entries(data)) {
    const offset = text.indexOf(`${JSON.stringify(name)}`);
    const origin = offset >= 0 ? `${path}:${lineAt(text, offset)}` : path;
    if (typeof value !== 'string') {
      problems.push(
        `${origin}: ${name} must be a string, not ${Array.isArray(value) ? 'an array' : typeof value}`,
      );
    } else {
      entries.push({ name, value, origin });
    }
  }
  if (problems.length > 0) throw new SourceError(problems);
  return entries;
}

/** Environment variables starting with the prefix, the prefix stripped (`SHOP_DB_URL` → `DB_URL`). */
export function envEntries(prefix: string, env: NodeJS.ProcessEnv): SecretEntry[] {
  return Object.entries(env)
    .filter(
      (entry): entry is [string, string] => entry[0].startsWith(prefix) && entry[0].length > prefix.length,
    )
    .filter(([, value]) => typeof value === 'string')
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => ({ name: name.slice(prefix.length), value, origin: `env ${name}` }));
}

/** `vault/<service>/<environment>.env` for every service folder (or the listed ones). */
async function vaultEntries(
  source: Extract<SourceSpec, { vault: string }>,
  context: SourceContext,
): Promise<SecretEntry[]> {
  const root = resolveIn(context.workspace, source.vault);
  let services: string[];
  try {
    const dirents = await readdir(root, { withFileTypes: true });
    services = dirents
      .filter((dirent) => dirent.isDirectory())
      .map((dirent) => dirent.name)
      .sort();
  } catch {
    throw new SourceError([`${source.vault}: cannot read the vault folder`]);
  }
  const file = `${source.environment}.env`;
  const entries: SecretEntry[] = [];
  const problems: string[] = [];
  const wanted = source.services ?? services;
  let files = 0;
  for (const service of wanted) {
    const path = join(source.vault, service, file);
    let text: string;
    try {
      text = await readFile(join(root, service, file), 'utf8');
    } catch {
      // Only a service the config names must have the file; other folders may not serve this environment.
      if (source.services)
        problems.push(`${path}: missing (service '${service}' is listed in the vault source)`);
      continue;
    }
    files++;
    try {
      entries.push(...dotenvEntries(path, text));
    } catch (thrown) {
      // Every broken file of the vault is named in one run, not one per run.
      if (!(thrown instanceof SourceError)) throw thrown;
      problems.push(...thrown.problems);
    }
  }
  if (problems.length === 0 && files === 0) problems.push(`${source.vault}: no <service>/${file} file`);
  if (problems.length > 0) throw new SourceError(problems);
  return entries;
}
