// What a release changes in the reusable workflows: their references to shipgate's own actions, pinned to
// the released commit (scripts/pin-own-actions.ts applies it; docs/releasing.md says why).

/** `uses: shipgate/shipgate/actions/<name>@<ref>`, in a step or in a comment showing one. */
const ownAction = /(uses:\s*shipgate\/shipgate\/actions\/[a-z0-9-]+)@[A-Za-z0-9._/-]+/g;

/** The workflow text with every reference to the project's own actions pinned to `sha`; how many it pinned. */
export function pinOwnActions(text: string, sha: string): { text: string; pinned: number } {
  if (!/^[0-9a-f]{40}$/.test(sha)) throw new Error(`expected a 40-hex commit SHA, got '${sha}'`);
  let pinned = 0;
  const result = text.replace(ownAction, (_, uses: string) => {
    pinned++;
    return `${uses}@${sha}`;
  });
  return { text: result, pinned };
}
