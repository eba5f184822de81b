import { maskBareToken } from '@shipgate/fly/token';
import { defineAction } from '@shipgate/kit';
import { flyDeployInputs, flyDeployOutputs } from './inputs';

export const flyDeploy = defineAction({
  name: 'fly-deploy',
  inputs: flyDeployInputs,
  outputs: flyDeployOutputs,
  check(inputs, refuse) {
    if (inputs.regions.length > 0 && inputs.count === undefined)
      refuse(['regions'], "applies only with 'count' (the machines to run in each region): give both.");
    const sized = ['memory', 'cpus', 'cpu-kind', 'count'] as const;
    if (inputs['process-group'] !== 'app' && sized.every((name) => inputs[name] === undefined)) {
      refuse(
        ['process-group'],
        "applies only with 'memory', 'cpus', 'cpu-kind' or 'count': give one, or leave it out.",
      );
    }
  },
  async run(inputs, context) {
    const token = maskBareToken(inputs['fly-api-token'], context.mask);
    // Loaded on demand: the client, undici, zod and the TOML parser are most of the bundle.
    const { deployAction } = await import('./deploy');
    return deployAction(inputs, token, context);
  },
});
