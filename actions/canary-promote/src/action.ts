import { maskBareToken } from '@shipgate/fly/token';
import { defineAction } from '@shipgate/kit';
import { canaryPromoteInputs, canaryPromoteOutputs } from './inputs';

export const canaryPromote = defineAction({
  name: 'canary-promote',
  inputs: canaryPromoteInputs,
  outputs: canaryPromoteOutputs,
  check(inputs, refuse) {
    if (Boolean(inputs['prometheus-url']) !== Boolean(inputs['prometheus-queries'])) {
      refuse(['prometheus-url', 'prometheus-queries'], 'go together: give both or neither.');
    }
  },
  async run(inputs, context) {
    const token = maskBareToken(inputs['fly-api-token'], context.mask);
    // Loaded on demand: the Fly client, the probes, the statistics and zod are most of the bundle.
    const { promoteAction } = await import('./promote');
    return promoteAction(inputs, token, context);
  },
});
