/** Where in a policy file something is wrong; line and column are 1-based. */
export interface PolicyLocation {
  file: string;
  line?: number;
  column?: number;
}

/**
 * A policy that cannot be used. Its message is one line: `<file>:<line>:<column>: <what is wrong>; expected
 * <what>`, so editors and the runner's log make it clickable.
 */
export class PolicyError extends Error {
  constructor(
    readonly problem: string,
    readonly expected?: string,
    readonly location?: PolicyLocation,
  ) {
    super(formatPolicyError(problem, expected, location));
    this.name = 'PolicyError';
  }
}

function formatPolicyError(problem: string, expected?: string, location?: PolicyLocation): string {
  let prefix = '';
  if (location) {
    prefix = location.file;
    if (location.line !== undefined) prefix += `:${location.line}:${location.column ?? 1}`;
    prefix += ': ';
  }
  return `${prefix}${problem}${expected ? `; expected ${expected}` : ''}`.replace(/\s*\r?\n\s*/g, ' ');
}

/**
 * A rule's configuration that the schema accepts but that cannot be compiled (an invalid regex, say). `path`
 * is relative to the rule; the loader turns it into a PolicyError at the right line.
 */
export class RuleConfigError extends Error {
  constructor(
    readonly path: (string | number)[],
    readonly problem: string,
    readonly expected: string,
  ) {
    super(`${problem}; expected ${expected}`);
    this.name = 'RuleConfigError';
  }
}
