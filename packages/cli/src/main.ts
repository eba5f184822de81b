import { errorMessage } from '@shipgate/kit';
import { runCli } from './cli';

// The bundle's entry: nothing but the call, so importing the package for tests runs nothing.
try {
  process.exitCode = await runCli(process.argv.slice(2));
} catch (thrown) {
  process.stderr.write(`shipgate: ${errorMessage(thrown)}\n`);
  process.exitCode = 1;
}
