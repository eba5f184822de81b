// A `run:` step as the runner starts it: the shell command line with the script file in place of {0}, in the
// step's working directory, with the step's environment. The runner's own plumbing (this wrapper's variables,
// an action path a run step does not have) is removed first, so the script sees what it would see on GitHub.
import { spawn } from 'node:child_process';

const argv = JSON.parse(process.env.SHIPGATE_SHELL_ARGV ?? '[]');
const cwd = process.env.SHIPGATE_SHELL_WORKING_DIRECTORY ?? process.cwd();
for (const name of Object.keys(process.env)) {
  if (name.startsWith('SHIPGATE_SHELL_') || name === 'GITHUB_ACTION_PATH') delete process.env[name];
}
const [command, ...args] = argv;
if (!command) {
  console.error('::error::shell-step: no command line given');
  process.exit(1);
}
const child = spawn(command, args, { cwd, stdio: 'inherit', env: process.env });
child.on('error', (error) => {
  console.error(`::error::cannot start ${command}: ${error.message}`);
  process.exit(1);
});
child.on('exit', (code, signal) => {
  // The runner's own last word on a failed run step, an error annotation.
  if (signal) console.log(`::error::The process '${command}' was killed by ${signal}.`);
  else if (code !== 0) console.log(`::error::Process completed with exit code ${code}.`);
  process.exit(code ?? 1);
});
