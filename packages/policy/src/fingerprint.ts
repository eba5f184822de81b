import { createHash } from 'node:crypto';

/**
 * A finding's identity: rule, path, what matched (or the message) and which occurrence of that match in
 * the file. The line number is left out so a finding keeps its fingerprint when lines above it move.
 */
export function fingerprintOf(
  ruleId: string,
  path: string,
  matchOrMessage: string,
  occurrence: number,
): string {
  // NUL never appears in a rule id or a path, so the parts cannot run into each other.
  return createHash('sha256')
    .update(`${ruleId}\0${path}\0${matchOrMessage}\0${occurrence}`)
    .digest('hex')
    .slice(0, 32);
}
