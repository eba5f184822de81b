import { maskBareToken } from '@shipgate/fly/token';
import { defineAction } from '@shipgate/kit';
import { flyDeployInputs, flyDeployOutputs } from './inputs';

export const flyDeploy = defineAction({
  name: 'fly-deploy',
  inputs: flyDeployInputs,
  outputs: flyDeployOutputs,
  async run(inputs, context) {
    const token = maskBareToken(inputs['fly-api-token'], context.mask);
    // Loaded on demand: the client, undici, zod and the TOML parser are most of the bundle.
    const { deployAction } = await import('./deploy');
    return deployAction(inputs, token, context);
  },
});
