// One line from a zod failure: the first problem, named by its field path, in words a gate log can show.
import type { z } from 'zod';

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** "without categories", "with audits.x.score: expected number, received string"… */
export function zodReason(error: z.ZodError, input: unknown): string {
  const issue = error.issues[0];
  if (!issue) return 'is not valid';
  const field = issue.path.map(String).join('.');
  if (field === '') return `is not an object`;
  if (valueAt(input, issue.path) === undefined) return `without ${field}`;
  return `with an invalid ${field}: ${issue.message}`;
}
