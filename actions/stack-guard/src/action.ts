import { defineAction, input } from '@shipgate/kit';

export const stackGuard = defineAction({
  name: 'stack-guard',
  inputs: {
    policy: input.text({ default: '.github/stack-guard.yml' }),
    'fail-on': input.choice(['error', 'warning', 'note', 'none'], { default: 'error' }),
  },
  async run(inputs, { log }) {
    log.info(`policy ${inputs.policy}`);
    return { outputs: { errors: 0 } };
  },
});
