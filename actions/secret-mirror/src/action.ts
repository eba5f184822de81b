import { defineAction } from '@shipgate/kit';
import { secretMirrorInputs } from './inputs';

export const secretMirror = defineAction({
  name: 'secret-mirror',
  inputs: secretMirrorInputs,
  async run(inputs, context) {
    // Loaded on demand: Octokit, libsodium, the Fly client and the YAML reader are most of the bundle.
    const { mirrorAction } = await import('./mirror');
    return mirrorAction(inputs, context);
  },
});
