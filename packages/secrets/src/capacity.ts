import type { PlanItem, TargetSnapshot } from './plan';

/** GitHub's published limits: 100 secrets per repository and per environment, 1,000 per organisation. */
export const githubSecretLimits = { repository: 100, environment: 100, organization: 1000 } as const;

/**
 * Why a target cannot take its plan, or undefined when it can. GitHub refuses the secret past its limit with a
 * 422; checking first means nothing is written to a target that would end up half-mirrored.
 */
export function capacityProblem(snapshot: TargetSnapshot, items: readonly PlanItem[]): string | undefined {
  const { target } = snapshot;
  if (target.kind !== 'github') return undefined;
  const limit = githubSecretLimits[target.scope.kind];
  const names = new Set(snapshot.remote.map((secret) => secret.name.toUpperCase()));
  for (const item of items) {
    if (item.action === 'delete') names.delete(item.name.toUpperCase());
    else if (item.action === 'create') names.add(item.name.toUpperCase());
  }
  if (names.size <= limit) return undefined;
  return `${target.label} can hold at most ${limit} secrets (GitHub's limit); this mirror would leave ${names.size} there, so nothing was written to it — split the mirror or use an organization target`;
}
