import { RuleConfigError } from '../policy-error';

/** One step of an assertion path: a key, any key (`*`), an array index, or any item (`[*]`). */
export type PathStep = { key: string } | { anyKey: true } | { index: number } | { anyIndex: true };

/** A value found at a path, with the concrete keys and indexes that led to it. */
export interface PathHit {
  path: (string | number)[];
  value: unknown;
}

/** Parses `deploy.release_command`, `vm[*].memory`, `scripts.*`, `a[0].b` into steps. */
export function parsePath(text: string, where: (string | number)[]): PathStep[] {
  const steps: PathStep[] = [];
  const token = /\.?([^.[\]]+)|\[(\*|\d+)\]/gy;
  let consumed = 0;
  for (let match = token.exec(text); match !== null; match = token.exec(text)) {
    consumed = token.lastIndex;
    if (match[1] !== undefined) steps.push(match[1] === '*' ? { anyKey: true } : { key: match[1] });
    else steps.push(match[2] === '*' ? { anyIndex: true } : { index: Number(match[2]) });
  }
  if (consumed !== text.length || steps.length === 0 || text.startsWith('.')) {
    throw new RuleConfigError(
      where,
      `invalid path '${text}'`,
      'a dotted path such as deploy.release_command or vm[*].memory',
    );
  }
  return steps;
}

/** Every value the steps reach in a parsed document. */
export function resolvePath(root: unknown, steps: readonly PathStep[]): PathHit[] {
  let hits: PathHit[] = [{ path: [], value: root }];
  for (const step of steps) {
    const next: PathHit[] = [];
    for (const hit of hits) {
      const { value } = hit;
      if (value === null || typeof value !== 'object') continue;
      if ('key' in step) {
        if (!Array.isArray(value) && Object.hasOwn(value, step.key)) {
          next.push({ path: [...hit.path, step.key], value: (value as Record<string, unknown>)[step.key] });
        }
      } else if ('anyKey' in step) {
        if (Array.isArray(value)) pushItems(next, hit, value);
        else
          for (const [key, item] of Object.entries(value))
            next.push({ path: [...hit.path, key], value: item });
      } else if ('index' in step) {
        if (Array.isArray(value) && step.index < value.length) {
          next.push({ path: [...hit.path, step.index], value: value[step.index] });
        }
      } else if (Array.isArray(value)) {
        pushItems(next, hit, value);
      } else {
        // A table where an array of tables was expected (fly.toml's [vm] versus [[vm]]): the table is the one item.
        next.push({ path: hit.path, value });
      }
    }
    hits = next;
  }
  return hits;
}

function pushItems(next: PathHit[], hit: PathHit, items: unknown[]): void {
  for (let index = 0; index < items.length; index++)
    next.push({ path: [...hit.path, index], value: items[index] });
}

/** Renders a concrete path as `vm[0].memory`. */
export function formatPath(path: readonly (string | number)[]): string {
  let text = '';
  for (const step of path) {
    if (typeof step === 'number') text += `[${step}]`;
    else text += text === '' ? step : `.${step}`;
  }
  return text;
}
