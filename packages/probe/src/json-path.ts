// A small JSON path: `$` then any of `.name`, `["any key"]` / `['any key']`, `[0]` (negative counts from the
// end). Enough to point at one value in a health response; no wildcards or filters, so a path names exactly
// one place and a mismatch can say which.

export type PathStep = string | number;

/** The steps of a path, or an error message saying where it stops making sense. */
export function parseJsonPath(path: string): PathStep[] | string {
  if (!path.startsWith('$')) return `a JSON path starts with '$' (got '${path}')`;
  const steps: PathStep[] = [];
  let i = 1;
  while (i < path.length) {
    const rest = path.slice(i);
    let match = /^\.([A-Za-z_$][\w$-]*)/.exec(rest);
    if (match) {
      steps.push(match[1]!);
      i += match[0].length;
      continue;
    }
    match = /^\[(-?\d+)\]/.exec(rest);
    if (match) {
      steps.push(Number(match[1]));
      i += match[0].length;
      continue;
    }
    match = /^\[(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\]/.exec(rest);
    if (match) {
      steps.push((match[1] ?? match[2] ?? '').replace(/\\(.)/g, '$1'));
      i += match[0].length;
      continue;
    }
    return `cannot read the JSON path '${path}' at '${rest}': use .name, ["name"] or [index]`;
  }
  return steps;
}

export type Lookup = { found: true; value: unknown } | { found: false; missing: string };

/** The value at `steps` in `data`, or which step found nothing. */
export function lookupJsonPath(data: unknown, steps: readonly PathStep[]): Lookup {
  let current: unknown = data;
  let walked = '$';
  for (const step of steps) {
    const parent = walked;
    if (typeof step === 'number') {
      if (!Array.isArray(current)) return { found: false, missing: `${parent} is not an array` };
      const index = step < 0 ? current.length + step : step;
      walked += `[${step}]`;
      if (index < 0 || index >= current.length) return { found: false, missing: `${walked} does not exist` };
      current = current[index];
    } else {
      walked += /^[A-Za-z_$][\w$-]*$/.test(step) ? `.${step}` : `[${JSON.stringify(step)}]`;
      if (current === null || typeof current !== 'object' || Array.isArray(current)) {
        return { found: false, missing: `${parent} is not an object` };
      }
      if (!Object.hasOwn(current, step)) return { found: false, missing: `${walked} does not exist` };
      current = (current as Record<string, unknown>)[step];
    }
  }
  return { found: true, value: current };
}

/** Deep equality of JSON values, as YAML and JSON.parse produce them. */
export function jsonEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, index) => jsonEquals(item, b[index]))
    );
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keysA = Object.keys(a);
    const keysB = Object.keys(b);
    return (
      keysA.length === keysB.length &&
      keysA.every(
        (key) =>
          Object.hasOwn(b, key) &&
          jsonEquals((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]),
      )
    );
  }
  return false;
}
