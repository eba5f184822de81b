// Where secrets may travel. The `headers` input goes only to base-url's origin and the origins the user lists
// (input 'header-origins'), and `${NAME}` in a checks file reads only the variables the user lists (input
// 'header-env'): a checks file comes from the commit under test, so it must not be able to send the probe's
// token, or the runner's, anywhere it likes.
import { InputError } from '@shipgate/kit';

/** The runner's own variables: never expanded into a header, whatever input 'header-env' lists. */
const runnerVariable = /^(ACTIONS_|INPUT_|RUNNER_)|^GITHUB_TOKEN$/i;

const variableName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** True for ACTIONS_*, INPUT_*, RUNNER_* and GITHUB_TOKEN (in any case: Windows reads names so). */
export function isRunnerVariable(name: string): boolean {
  return runnerVariable.test(name);
}

/**
 * The variables `${NAME}` may read (input 'header-env'), with their values; a name that is not a variable
 * name, or is one of the runner's, is an input error.
 */
export function headerEnvironment(
  names: readonly string[],
  env: Record<string, string | undefined>,
): Record<string, string | undefined> {
  const allowed: Record<string, string | undefined> = {};
  for (const name of names) {
    if (!variableName.test(name)) {
      throw new InputError(
        'header-env',
        `Input 'header-env' must list environment variable names (letters, digits, _); got '${name}'.`,
      );
    }
    if (isRunnerVariable(name)) {
      throw new InputError(
        'header-env',
        `Input 'header-env' may not list ${name}: the runner's variables (ACTIONS_*, GITHUB_TOKEN, INPUT_*, RUNNER_*) never go into a header.`,
      );
    }
    allowed[name] = env[name];
  }
  return allowed;
}

const bareOrigin = /^https?:\/\/[^/?#@\s]+\/?$/i;

/** Input 'header-origins' as origins (`https://api.example.com`, `http://127.0.0.1:8080`), normalised. */
export function parseHeaderOrigins(values: readonly string[]): string[] {
  return values.map((value) => {
    if (!bareOrigin.test(value) || !URL.canParse(value)) {
      // A value with an `@` may hold a password: it is not repeated.
      const given = value.includes('@') ? 'got a user or password' : `got '${value}'`;
      throw new InputError(
        'header-origins',
        `Input 'header-origins' must list origins, scheme://host[:port] with no path, user or password (e.g. https://api.example.com); ${given}.`,
      );
    }
    return new URL(value).origin;
  });
}

/** The origins that get the `headers` input: base-url's, then those of input 'header-origins'. */
export function sharedHeaderOrigins(baseUrl: string | undefined, listed: readonly string[]): Set<string> {
  return new Set([...(baseUrl ? [new URL(baseUrl).origin] : []), ...listed]);
}
