// Secret names each kind of target accepts. GitHub's rules are documented (letters, digits, underscore; no
// leading digit; no GITHUB_ prefix); Fly takes environment variable names, GITHUB_ included.
import type { TargetSpec } from './config';

export type TargetKind = 'github' | 'fly';

/** Why `name` cannot be a secret at this kind of target, or undefined when it can. */
export function validateName(name: string, kind: TargetKind): string | undefined {
  if (!/^[A-Za-z0-9_]+$/.test(name)) {
    return `${JSON.stringify(name)} is not a valid ${kindLabel(kind)} secret name: only letters, digits and _`;
  }
  if (/^[0-9]/.test(name)) {
    return `${JSON.stringify(name)} is not a valid ${kindLabel(kind)} secret name: it starts with a digit`;
  }
  if (kind === 'github' && /^GITHUB_/i.test(name)) {
    return `${JSON.stringify(name)} is not a valid GitHub secret name: the GITHUB_ prefix is reserved`;
  }
  return undefined;
}

export function targetKinds(targets: TargetSpec[]): Set<TargetKind> {
  return new Set(targets.map((target): TargetKind => ('github' in target ? 'github' : 'fly')));
}

function kindLabel(kind: TargetKind): string {
  return kind === 'github' ? 'GitHub' : 'Fly';
}
