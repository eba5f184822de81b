import { RuleConfigError } from '../policy-error';

/** Compiles a policy regex, or throws a RuleConfigError that points at `path` inside the rule. */
export function compileRegex(source: string, flags: string, path: (string | number)[]): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (error) {
    const reason =
      error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
    throw new RuleConfigError(
      path,
      `invalid regular expression: ${reason}`,
      'a JavaScript regular expression',
    );
  }
}
