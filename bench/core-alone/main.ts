// The reference for the actions' start-up: @actions/core alone, bundled and minified as the actions are,
// failing on a missing input as an action with a bad input does.
import * as core from '@actions/core';

core.setFailed(`core-alone: Input 'value' is required, got '${core.getInput('value')}'`);
