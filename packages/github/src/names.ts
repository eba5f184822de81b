/** GitHub's limit per secret and per variable: 48 KB, checked on the plaintext's UTF-8 bytes. */
export const maxValueBytes = 48 * 1024;

export type ActionsItemKind = 'secret' | 'variable';

/**
 * Why GitHub would refuse `name` for an Actions secret or variable, or undefined when it is fine:
 * only `[A-Za-z0-9_]`, no leading digit, no `GITHUB_` prefix (any case).
 */
export function nameProblem(name: string): string | undefined {
  if (name === '') return 'the name is empty';
  if (!/^[A-Za-z0-9_]+$/.test(name)) return 'only letters, digits and _ are allowed';
  if (/^[0-9]/.test(name)) return 'it must not start with a digit';
  if (/^GITHUB_/i.test(name)) return 'the GITHUB_ prefix is reserved';
  return undefined;
}

/** Throws a message that names the secret or variable (never its value) when GitHub would refuse it. */
export function assertValidName(kind: ActionsItemKind, name: string): void {
  const problem = nameProblem(name);
  if (problem) throw new Error(`${kind} name ${JSON.stringify(name)} is invalid: ${problem}`);
}

/** Throws when the value is over GitHub's 48 KB limit; the message gives sizes, never the value. */
export function assertValueSize(kind: ActionsItemKind, name: string, value: string): void {
  const bytes = Buffer.byteLength(value, 'utf8');
  if (bytes > maxValueBytes) {
    throw new Error(`${kind} ${name} is ${bytes} bytes; GitHub allows at most ${maxValueBytes} (48 KB)`);
  }
}
