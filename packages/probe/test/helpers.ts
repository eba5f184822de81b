import { type Check, type CheckDefaults, loadChecks } from '../src/index';

export function defaults(overrides: Partial<CheckDefaults> = {}): CheckDefaults {
  return {
    headers: {},
    headerOrigins: [],
    followRedirects: true,
    maxRedirects: 5,
    timeoutMs: 5000,
    tlsMinDays: 0,
    env: {},
    ...overrides,
  };
}

/** The checks of an inline YAML text, resolved against `baseUrl`. */
export async function checksFrom(
  yaml: string,
  baseUrl: string,
  overrides: Partial<CheckDefaults> = {},
): Promise<Check[]> {
  return loadChecks({ paths: [], inline: yaml }, defaults({ baseUrl, ...overrides }));
}

export async function oneCheck(
  yaml: string,
  baseUrl: string,
  overrides: Partial<CheckDefaults> = {},
): Promise<Check> {
  const [check] = await checksFrom(yaml, baseUrl, overrides);
  return check!;
}
