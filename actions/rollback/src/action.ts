import { maskBareToken } from '@shipgate/fly/token';
import { defineAction } from '@shipgate/kit';
import { rollbackInputs, rollbackOutputs } from './inputs';

export const rollback = defineAction({
  name: 'rollback',
  inputs: rollbackInputs,
  outputs: rollbackOutputs,
  check(inputs, refuse) {
    if (inputs.image && inputs['record-file'])
      refuse(['image', 'record-file'], 'exclude each other: give one.');
  },
  async run(inputs, context) {
    const token = maskBareToken(inputs['fly-api-token'], context.mask);
    // Loaded on demand: the client, undici and zod are most of the bundle.
    const { rollbackAction } = await import('./rollback');
    return rollbackAction(inputs, token, context);
  },
});
