import { defineAction } from '@shipgate/kit';
import { flyDeployInputs } from './inputs';

export const flyDeploy = defineAction({
  name: 'fly-deploy',
  inputs: flyDeployInputs,
  async run(inputs, context) {
    // Loaded on demand: the client, undici, zod and the TOML parser are most of the bundle.
    const { deployAction } = await import('./deploy');
    return deployAction(inputs, context);
  },
});
