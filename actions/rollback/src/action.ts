import { resolveToken } from '@shipgate/fly/token';
import { defineAction } from '@shipgate/kit';
import { rollbackInputs } from './inputs';

export const rollback = defineAction({
  name: 'rollback',
  inputs: rollbackInputs,
  async run(inputs, context) {
    const token = resolveToken(inputs['fly-api-token'], context);
    // Loaded on demand: the client, undici and zod are most of the bundle.
    const { rollbackAction } = await import('./rollback');
    return rollbackAction(inputs, token, context);
  },
});
