// @actions/github's context, without the rest of the package. Its only entry (`.`) also imports Octokit's core
// and REST plugins (about 120 KB minified) to offer getOctokit, which a run that never calls GitHub's API does
// not need; packages/github loads the whole package on its first request. The package's exports map does not
// list lib/context.js, so it is imported by path: if a release moves the file, tsc and the build fail.
import { Context } from '../../../node_modules/@actions/github/lib/context.js';

/** The run's context: the class `github.context` is an instance of, read from this process's environment. */
export const context = new Context();
