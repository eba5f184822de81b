import { InputError } from '@shipgate/kit';
import { parseDuration, parseMemory } from './config/index';

/** `max-unavailable`: a fraction of a group's started machines below 1, or a count from 1. */
export function parseMaxUnavailable(name: string, raw: string): number {
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || !(value > 0) || (value >= 1 && !Number.isInteger(value))) {
    throw new InputError(
      name,
      `Input '${name}' must be a fraction between 0 and 1 (e.g. 0.33) or a whole count of machines (e.g. 2); got '${raw}'.`,
    );
  }
  return value;
}

/** `wait-timeout`: a Go-style duration (`90s`, `5m`, `1m30s`) or whole seconds. */
export function parseTimeout(name: string, raw: string): number {
  const trimmed = raw.trim();
  let ms: number | undefined;
  if (/^\d+$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    try {
      ms = parseDuration(trimmed);
    } catch {
      ms = undefined;
    }
  }
  if (ms === undefined || !(ms > 0) || ms > 24 * 3600_000) {
    throw new InputError(
      name,
      `Input '${name}' must be a duration such as 90s, 5m or 1m30s, or whole seconds, up to 24h; got '${raw}'.`,
    );
  }
  return ms;
}

/** `memory`: `512mb`, `1gb`, or megabytes. */
export function parseMemoryInput(name: string, raw: string): number {
  let mb: number | undefined;
  try {
    mb = parseMemory(raw.trim());
  } catch {
    mb = undefined;
  }
  if (mb === undefined || !Number.isInteger(mb) || mb < 128 || mb > 1_048_576) {
    throw new InputError(
      name,
      `Input '${name}' must be a memory size such as 512mb, 1gb or 2048; got '${raw}'.`,
    );
  }
  return mb;
}

const envName = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `env`: one `NAME=value` per line; blank lines and `#` comments skipped. */
export function parseEnvLines(name: string, raw: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [index, line] of raw.split(/\r?\n/).entries()) {
    const text = line.trim();
    if (text === '' || text.startsWith('#')) continue;
    const equals = text.indexOf('=');
    const key = equals > 0 ? text.slice(0, equals).trim() : '';
    if (!envName.test(key)) {
      throw new InputError(
        name,
        // Only the part before '=' is echoed: a value may be sensitive even here.
        `Input '${name}' line ${index + 1} must be NAME=value with a name of letters, digits and _; got '${(equals >= 0 ? text.slice(0, equals) : text).slice(0, 40)}…'.`,
      );
    }
    env[key] = text.slice(equals + 1);
  }
  return env;
}
