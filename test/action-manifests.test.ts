// One test over every action: its action.yml, the kit's schema of its inputs and the outputs it declares (which
// TypeScript holds `run` to) agree, name for name, with the same required flags, defaults and aliases.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ActionDefinition, describeInputs } from '@shipgate/kit';
import { manifestMismatches } from '@shipgate/kit/testing';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { actionsDir } from './harness/index';

async function definitionOf(action: string): Promise<ActionDefinition> {
  const module = (await import(join(actionsDir, action, 'src', 'action.ts'))) as Record<string, unknown>;
  const found = Object.values(module).filter(
    (value): value is ActionDefinition =>
      typeof value === 'object' && value !== null && 'inputs' in value && 'run' in value,
  );
  if (found.length !== 1)
    throw new Error(`${action}/src/action.ts exports ${found.length} action definitions`);
  return found[0] as ActionDefinition;
}

const actions = readdirSync(actionsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe.each(actions)('%s', (action) => {
  const manifestText = readFileSync(join(actionsDir, action, 'action.yml'), 'utf8');

  it('declares in action.yml exactly the inputs, required flags, defaults, aliases and outputs of its definition', async () => {
    const definition = await definitionOf(action);
    expect(definition.name).toBe(action);
    expect(definition.outputs, 'the definition declares its outputs').toBeDefined();
    expect(manifestMismatches(definition.inputs, manifestText, definition.outputs ?? {})).toEqual([]);
  });

  it('names every input and output with a description, and runs on node24 from the committed bundle', async () => {
    const manifest = parse(manifestText) as {
      inputs?: Record<string, { description?: string }>;
      outputs?: Record<string, { description?: string }>;
      runs?: { using?: string; main?: string };
    };
    for (const [name, entry] of Object.entries({ ...manifest.inputs, ...manifest.outputs })) {
      expect(entry.description?.trim(), `${name} has a description`).toBeTruthy();
    }
    expect(manifest.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  it('takes the Fly API as fly-api-url, never under another name', async () => {
    const described = describeInputs((await definitionOf(action)).inputs);
    for (const [name, info] of Object.entries(described)) {
      if (name === 'api-url') expect(info.aliasOf).toBe('fly-api-url');
    }
  });
});

it('covers every action of the repository', () => {
  expect(actions).toEqual([
    'canary-promote',
    'evidence-gate',
    'fly-deploy',
    'rollback',
    'secret-mirror',
    'smoke-test',
    'stack-guard',
  ]);
});
