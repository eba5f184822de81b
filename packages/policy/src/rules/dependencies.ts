import picomatch from 'picomatch';
import semver from 'semver';
import { type DependenciesRuleConfig, dependencySections } from '../config-schema';
import { compileGlobs, type PathMatcher } from '../globs';
import type { RuleFinding, SourceFile } from '../types';
import { Locator } from './locate';

export const dependenciesDefaultFiles = ['**/package.json'];

interface Declared {
  name: string;
  spec: string;
  section: string;
}

interface Forbid {
  name: string;
  matches: (name: string) => boolean;
  version?: string;
}

interface Require {
  name: string;
  version?: string;
  /** Undefined: wherever the rule applies. */
  files?: PathMatcher;
}

interface Constrain {
  name: string;
  matches: (name: string) => boolean;
  version: string;
}

/** A dependencies rule: forbidden, required and constrained packages in each package.json. */
export function dependenciesChecker(config: DependenciesRuleConfig): (file: SourceFile) => RuleFinding[] {
  const sections = config.sections ?? [...dependencySections];
  const forbid: Forbid[] = (config.forbid ?? []).map((entry) => {
    const { name, version } = typeof entry === 'string' ? { name: entry, version: undefined } : entry;
    return { name, matches: nameMatcher(name), ...(version ? { version } : {}) };
  });
  const require: Require[] = (config.require ?? []).map((entry) => ({
    name: entry.name,
    ...(entry.version ? { version: entry.version } : {}),
    ...(entry.files ? { files: compileGlobs(entry.files) } : {}),
  }));
  const constrain: Constrain[] = (config.constrain ?? []).map((entry) => ({
    name: entry.name,
    matches: nameMatcher(entry.name),
    version: entry.version,
  }));

  return (file) => {
    let manifest: unknown;
    try {
      manifest = JSON.parse(file.content);
    } catch (error) {
      return [
        {
          message: `${file.path} is not valid JSON (${jsonError(error)}), so its dependencies cannot be checked`,
          line: 1,
          column: 1,
        },
      ];
    }
    const declared = readDeclared(manifest, sections);
    const locator = new Locator(file.content);
    const findings: RuleFinding[] = [];
    const at = (dependency: Declared, message: string): RuleFinding => ({
      message,
      ...locateKey(file.content, locator, dependency),
      match: `${dependency.name}@${dependency.spec}`,
    });

    for (const dependency of declared) {
      for (const rule of forbid) {
        if (!rule.matches(dependency.name)) continue;
        if (!rule.version) {
          findings.push(at(dependency, `${describe(dependency)} is forbidden (${rule.name})`));
          continue;
        }
        const range = validRange(dependency.spec);
        if (range === undefined) {
          findings.push(
            at(
              dependency,
              `${describe(dependency)} is not a semver range, so it cannot be shown to avoid the forbidden ${rule.version}`,
            ),
          );
        } else if (semver.intersects(range, rule.version, { includePrerelease: true })) {
          findings.push(
            at(
              dependency,
              `${describe(dependency)} can resolve to the forbidden ${rule.name}@${rule.version}`,
            ),
          );
        }
      }
      for (const rule of constrain) {
        if (!rule.matches(dependency.name)) continue;
        const problem = versionProblem(dependency, rule.version);
        if (problem) findings.push(at(dependency, problem));
      }
    }

    for (const rule of require) {
      if (rule.files && !rule.files(file.path)) continue;
      const found = declared.filter((dependency) => dependency.name === rule.name);
      if (found.length === 0) {
        findings.push({
          message: `${rule.name}${rule.version ? ` ${rule.version}` : ''} is required but not declared in ${sections.join(', ')}`,
          line: 1,
          column: 1,
          match: `missing:${rule.name}`,
        });
        continue;
      }
      if (!rule.version) continue;
      // Declared twice (say dependencies and peerDependencies): each declaration must satisfy the requirement.
      for (const dependency of found) {
        const problem = versionProblem(dependency, rule.version);
        if (problem) findings.push(at(dependency, problem));
      }
    }
    return findings;
  };
}

function nameMatcher(glob: string): (name: string) => boolean {
  if (!/[*?[\]{}!]/.test(glob)) return (name) => name === glob;
  return picomatch(glob, { dot: true });
}

function readDeclared(manifest: unknown, sections: readonly string[]): Declared[] {
  const declared: Declared[] = [];
  if (!manifest || typeof manifest !== 'object') return declared;
  for (const section of sections) {
    const entries = (manifest as Record<string, unknown>)[section];
    if (!entries || typeof entries !== 'object' || Array.isArray(entries)) continue;
    for (const [name, spec] of Object.entries(entries)) {
      declared.push({ name, spec: typeof spec === 'string' ? spec : String(spec), section });
    }
  }
  return declared;
}

function describe(dependency: Declared): string {
  return `${dependency.name}@${dependency.spec} (${dependency.section})`;
}

/** The declared range when it is one semver understands; undefined for workspace:, file:, git, URLs, npm: aliases, tags. */
function validRange(spec: string): string | undefined {
  if (
    /^(?:workspace|file|link|portal|git|git\+[a-z]+|github|gitlab|bitbucket|https?|npm|patch|catalog):/i.test(
      spec,
    )
  ) {
    return undefined;
  }
  if (spec.includes('/') && !spec.includes(' ')) return undefined;
  return semver.validRange(spec) ?? undefined;
}

function versionProblem(dependency: Declared, wanted: string): string | undefined {
  const range = validRange(dependency.spec);
  if (range === undefined) {
    return `${describe(dependency)} is not a semver range, so its version cannot be checked against ${wanted}`;
  }
  const lowest = semver.minVersion(range);
  if (lowest && semver.satisfies(lowest, wanted, { includePrerelease: true })) return undefined;
  return `${describe(dependency)} allows ${lowest ? lowest.version : 'no version'}, which does not satisfy ${wanted}`;
}

function jsonError(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0]! : String(error);
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The position of `"name":` inside its section's object, found in the text (JSON.parse keeps no positions). */
function locateKey(
  content: string,
  locator: Locator,
  dependency: Declared,
): { line: number; column: number; endColumn: number } {
  const sectionAt = new RegExp(`"${escapeRegex(dependency.section)}"\\s*:\\s*\\{`, 'g');
  const section = sectionAt.exec(content);
  const key = new RegExp(`"${escapeRegex(JSON.stringify(dependency.name).slice(1, -1))}"\\s*:`, 'g');
  key.lastIndex = section ? section.index + section[0].length : 0;
  const found = key.exec(content);
  if (!found) return { line: 1, column: 1, endColumn: 2 };
  const start = locator.position(found.index);
  return { ...start, endColumn: start.column + dependency.name.length + 2 };
}
