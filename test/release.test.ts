import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pinOwnActions } from '../scripts/own-action-refs';
import { parseWorkflowText } from './harness/workflow-lint';

// A release pins the reusable workflows' calls of shipgate's own actions to the released commit, so a caller
// who pins promote.yml to a release runs that release's actions.

const workflowsDir = join(import.meta.dirname, '..', '.github', 'workflows');
const workflows = readdirSync(workflowsDir).filter((name) => name.endsWith('.yml'));
const sha = '0123456789abcdef0123456789abcdef01234567';
const ownActionRef = /uses:\s*shipgate\/shipgate\/actions\/[a-z0-9-]+@(\S+)/g;

describe('the release pins of the own actions', () => {
  it.each(workflows)(
    'pins every call of an own action in %s, and the workflow still parses',
    async (name) => {
      const text = readFileSync(join(workflowsDir, name), 'utf8');
      const refs = [...text.matchAll(ownActionRef)].map((match) => match[1]);
      const pinned = pinOwnActions(text, sha);
      expect(pinned.pinned).toBe(refs.length);
      expect([...pinned.text.matchAll(ownActionRef)].map((match) => match[1])).toEqual(refs.map(() => sha));
      // Only those references change.
      expect(pinned.text.replaceAll(sha, 'REF')).toBe(
        text.replace(ownActionRef, (match, ref: string) => match.replace(`@${ref}`, '@REF')),
      );
      const parsed = await parseWorkflowText(`.github/workflows/${name}`, pinned.text);
      expect(parsed.findings).toEqual([]);
    },
  );

  it('finds the calls where the reusable workflows make them', () => {
    const count = (name: string) => pinOwnActions(readFileSync(join(workflowsDir, name), 'utf8'), sha).pinned;
    expect(count('promote.yml')).toBeGreaterThanOrEqual(9);
    expect(count('rollback.yml')).toBeGreaterThanOrEqual(2);
    expect(count('secret-rotation.yml')).toBeGreaterThanOrEqual(2);
    expect(count('pr-checks.yml')).toBeGreaterThanOrEqual(1);
  });

  it('refuses anything but a full commit SHA', () => {
    for (const ref of ['v1', 'main', '0123456', `${sha}0`, sha.toUpperCase()]) {
      expect(() => pinOwnActions('uses: shipgate/shipgate/actions/rollback@v1', ref)).toThrow(/40-hex/);
    }
  });
});
