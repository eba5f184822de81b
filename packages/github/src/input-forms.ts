// The forms GitHub gives names, for the actions' inputs: checked when the inputs are read, before any request.
import { type Grammar, grammar } from '@shipgate/kit';

/** `owner/name`: an owner of letters, digits and dashes (up to 39), a name of letters, digits, `.`, `_`, `-`. */
export const repositoryName: Grammar = {
  test: (text) => {
    const match = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/.exec(text);
    return match !== null && match[2] !== '.' && match[2] !== '..';
  },
  expected: 'a repository as owner/name (e.g. shop-co/shop-app)',
};

/**
 * An environment name: up to 255 letters, digits, spaces, `.`, `_` and `-`, not starting or ending with a space
 * or a dot. GitHub takes more, but a slash, a quote or a control character in one is a mistake in a workflow.
 */
export const environmentName: Grammar = grammar(
  /^(?![ .])[A-Za-z0-9 ._-]{1,255}(?<![ .])$/,
  'a GitHub environment name (up to 255 letters, digits, spaces, ., _ and -)',
);
