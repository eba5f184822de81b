// Every URL input of every action refuses credentials (`user:password@`) in one line naming the input, before
// the action does anything, and the password appears nowhere in what the step emits.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeInputs, type InputShape } from '@shipgate/kit';
import { describe, expect, it } from 'vitest';
import { actionsDir, runStep } from './harness/index';

const password = 'Pa55w0rd-url-credentials';

interface UrlInput {
  action: string;
  input: string;
  /** The other inputs the action needs to reach the URL input's check. */
  required: Record<string, string>;
}

async function urlInputs(): Promise<UrlInput[]> {
  const found: UrlInput[] = [];
  for (const action of readdirSync(actionsDir).sort()) {
    const module = (await import(join(actionsDir, action, 'src', 'inputs.ts'))) as Record<string, unknown>;
    const shape = Object.entries(module).find(([name]) => name.endsWith('Inputs'))?.[1] as InputShape;
    const described = describeInputs(shape);
    const required = Object.fromEntries(
      Object.entries(described)
        .filter(([, info]) => info.required)
        .map(([name]) => [name, 'x']),
    );
    for (const [input, info] of Object.entries(described)) {
      if (info.refusals?.credentials) found.push({ action, input, required });
    }
  }
  return found;
}

const inputs = await urlInputs();

describe('URL inputs with credentials', () => {
  it('covers the URL inputs of every action that takes one', () => {
    const byAction = new Set(inputs.map((entry) => entry.action));
    for (const action of ['canary-promote', 'fly-deploy', 'rollback', 'secret-mirror', 'smoke-test']) {
      expect(byAction, action).toContain(action);
    }
    // The manifest says which inputs are URLs too: each one whose name ends in -url is in the table.
    for (const action of byAction) {
      const manifest = readFileSync(join(actionsDir, action, 'action.yml'), 'utf8');
      for (const [, name] of manifest.matchAll(/^ {2}([a-z-]+-url):$/gm)) {
        expect(inputs.map((entry) => `${entry.action} ${entry.input}`)).toContain(`${action} ${name}`);
      }
    }
  });

  it.each(inputs.map((entry) => [`${entry.action} ${entry.input}`, entry] as const))(
    '%s is refused in one line naming the input',
    async (_label, { action, input, required }) => {
      const step = await runStep(action, {
        inputs: { ...required, [input]: `https://shipgate:${password}@127.0.0.1:9/v1` },
        // A token where one is needed, so that the URL is the one input at fault.
        env: { FLY_API_TOKEN: 'fm2_url_credentials_token_7c2d' },
      });
      expect(step.outcome).toBe('failure');
      const errors = step.annotations.filter((annotation) => annotation.level === 'error');
      expect(errors.map((annotation) => annotation.message)).toEqual([
        `${action}: Input '${input}' must not carry credentials (user:password@): pass a token through the action's token input, or an Authorization header, instead.`,
      ]);
      for (const text of [step.stdout, step.stderr, step.log, step.summary, JSON.stringify(step.outputs)]) {
        expect(text).not.toContain(password);
        expect(text).not.toContain(encodeURIComponent(password));
      }
    },
  );
});
