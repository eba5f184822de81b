import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { manifestMismatches } from '@shipgate/kit/testing';
import { describe, expect, it } from 'vitest';
import { evidenceGateInputs, evidenceGateOutputs } from '../src/inputs';

describe('evidence-gate action.yml', () => {
  it('declares exactly the inputs, defaults, required flags and outputs of the schema', () => {
    const yml = readFileSync(join(import.meta.dirname, '..', 'action.yml'), 'utf8');
    expect(manifestMismatches(evidenceGateInputs, yml, evidenceGateOutputs)).toEqual([]);
  });

  it('runs on node24 from the committed bundle', () => {
    const yml = readFileSync(join(import.meta.dirname, '..', 'action.yml'), 'utf8');
    expect(yml).toMatch(/runs:\n {2}using: node24\n {2}main: dist\/index\.js/);
  });
});
