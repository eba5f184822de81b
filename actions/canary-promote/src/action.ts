import { resolveToken } from '@shipgate/fly/token';
import { defineAction } from '@shipgate/kit';
import { canaryPromoteInputs } from './inputs';

export const canaryPromote = defineAction({
  name: 'canary-promote',
  inputs: canaryPromoteInputs,
  async run(inputs, context) {
    const token = resolveToken(inputs['fly-api-token'], context);
    // Loaded on demand: the Fly client, the probes, the statistics and zod are most of the bundle.
    const { promoteAction } = await import('./promote');
    return promoteAction(inputs, token, context);
  },
});
