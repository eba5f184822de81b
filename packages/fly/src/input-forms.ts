// The forms Fly gives names, for the actions' inputs: checked when the inputs are read, before any request.
import { type Grammar, grammar } from '@shipgate/kit';

/** Lowercase letters, digits and dashes, as Fly names apps (and the sandbox checks). */
export const flyAppName: Grammar = grammar(
  /^[a-z0-9][a-z0-9-]{1,62}$/,
  'a Fly app name (2 to 63 lowercase letters, digits and dashes)',
);

/** A `[processes]` key of fly.toml, as Fly keeps it in the machines' `fly_process_group` metadata. */
export const processGroupName: Grammar = grammar(
  /^[a-z0-9][a-z0-9_-]{0,62}$/,
  'a process group name (lowercase letters, digits, - and _)',
);

/**
 * Fly's region codes (`fly platform regions`, December 2026), with the regions Fly has since closed to new
 * machines: an app may still run there. A code not in the list is a typo, refused before anything changes.
 */
export const flyRegions: readonly string[] = (
  'ams arn atl bog bom bos cdg den dfw ewr eze fra gdl gig gru hkg iad jnb lax lhr mad mia nrt ord otp phx qro ' +
  'scl sea sin sjc syd waw yul yyz'
).split(' ');

export const flyRegionCode: Grammar = {
  test: (text) => flyRegions.includes(text),
  expected: 'a Fly region code (three lowercase letters, e.g. iad, ams, syd)',
};

/** A machine id: 14 hex digits. */
export const flyMachineId: Grammar = grammar(/^[0-9a-f]{14}$/, 'a Fly machine id (14 hex digits)');
