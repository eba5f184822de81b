// Pins the reusable workflows' references to shipgate's own actions to one commit, for a release:
// `shipgate/shipgate/actions/fly-deploy@v1` becomes `…@<sha>`, so a caller who pins promote.yml to the release
// runs the actions of that release, not whatever the major tag points to later. Usage:
//   tsx scripts/pin-own-actions.ts <40-hex commit> [workflows folder]
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pinOwnActions } from './own-action-refs';

function main(): void {
  const [sha = '', folder = join(import.meta.dirname, '..', '.github', 'workflows')] = process.argv.slice(2);
  let total = 0;
  for (const name of readdirSync(folder).filter((file) => /\.ya?ml$/.test(file))) {
    const path = join(folder, name);
    const { text, pinned } = pinOwnActions(readFileSync(path, 'utf8'), sha);
    if (pinned === 0) continue;
    writeFileSync(path, text);
    console.log(`${name}: ${pinned} reference${pinned === 1 ? '' : 's'} pinned to ${sha}`);
    total += pinned;
  }
  if (total === 0) throw new Error(`no reference to shipgate's own actions in ${folder}`);
}

try {
  main();
} catch (error) {
  console.error(`pin-own-actions: ${(error as Error).message}`);
  process.exit(1);
}
