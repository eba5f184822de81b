import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pullRequestEvent, runAction, workflowDispatchEvent } from '@shipgate/runner';
import { describe, expect, it } from 'vitest';
import { scratchAction, tempDir } from './harness';

// Each action here is plain Node writing file commands and `::` lines by hand, so the runner is tested
// against the wire format itself, not against @actions/core's idea of it.
const prelude = `import { appendFileSync, writeFileSync } from 'node:fs';
const put = (variable, text) => appendFileSync(process.env[variable], text);
`;

function action(manifest: string, main: string, extra: Record<string, string> = {}): string {
  return scratchAction({ manifest, scripts: { 'main.mjs': prelude + main, ...extra } });
}

const basicManifest = `name: scratch
description: a throwaway action
inputs:
  api-token:
    description: hyphenated
  my input:
    description: spaced
  optional:
    description: no default
runs:
  using: node24
  main: main.mjs
`;

describe('inputs', () => {
  it('names INPUT_ variables as the runner does: hyphens kept, spaces become _', async () => {
    const dir = action(
      basicManifest,
      `put('GITHUB_OUTPUT', 'hyphen=' + process.env['INPUT_API-TOKEN'] + '\\nspace=' + process.env.INPUT_MY_INPUT + '\\nunderscore=' + String(process.env.INPUT_API_TOKEN) + '\\n');`,
    );
    const result = await runAction({
      actionDir: dir,
      workspace: tempDir('ws'),
      inputs: { 'api-token': 'abc', 'my input': 'x y' },
    });
    expect(result.outputs).toEqual({ hyphen: 'abc', space: 'x y', underscore: 'undefined' });
    expect(result.outcome).toBe('success');
  });

  it('applies action.yml defaults, evaluating the supported expressions', async () => {
    const dir = action(
      `name: defaults
inputs:
  token:
    default: \${{ github.token }}
  out:
    default: \${{ github.workspace }}/out.json
  sha:
    default: "\${{ github.sha }}"
  where:
    default: \${{runner.temp}}|\${{ github.repository }}|\${{ github.event_name }}|\${{ github.ref }}|\${{ github.api_url }}
  plain:
    default: literal
  given:
    default: not used
runs:
  using: node24
  main: main.mjs
`,
      `for (const name of ['TOKEN', 'OUT', 'SHA', 'WHERE', 'PLAIN', 'GIVEN']) put('GITHUB_OUTPUT', name.toLowerCase() + '=' + process.env['INPUT_' + name] + '\\n');
console.log('token is ' + process.env.INPUT_TOKEN);`,
    );
    const workspace = tempDir('ws');
    const runnerTemp = tempDir('rt');
    const event = pullRequestEvent({
      number: 7,
      base: { ref: 'main', sha: 'b'.repeat(40) },
      head: { ref: 'feature', sha: 'h'.repeat(40) },
      mergeSha: 'm'.repeat(40),
      repository: 'acme/shop',
    });
    const result = await runAction({
      actionDir: dir,
      workspace,
      runnerTemp,
      event,
      token: 'ghs_secret123',
      inputs: { given: 'mine' },
      env: { GITHUB_API_URL: 'http://127.0.0.1:9999' },
    });
    expect(result.outputs).toEqual({
      // github.token is a secret to the runner: masked wherever it appears, outputs included.
      token: '***',
      out: `${workspace}/out.json`,
      sha: 'm'.repeat(40),
      where: `${runnerTemp}|acme/shop|pull_request|refs/pull/7/merge|http://127.0.0.1:9999`,
      plain: 'literal',
      given: 'mine',
    });
    expect(result.log).toContain('token is ***');
    expect(result.log).not.toContain('ghs_secret123');
  });

  it('rejects a default with an expression outside the supported subset, naming it', async () => {
    const dir = action(
      `name: bad
inputs:
  x:
    default: \${{ secrets.DEPLOY_KEY }}
runs:
  using: node24
  main: main.mjs
`,
      '',
    );
    await expect(runAction({ actionDir: dir, workspace: tempDir('ws') })).rejects.toThrow(
      /input 'x': unsupported expression \$\{\{ secrets\.DEPLOY_KEY \}\}/,
    );
  });

  it('leaves an input without default absent, and an empty one present and empty', async () => {
    const dir = action(
      basicManifest,
      `put('GITHUB_OUTPUT', 'has-optional=' + ('INPUT_OPTIONAL' in process.env) + '\\nhas-token=' + ('INPUT_API-TOKEN' in process.env) + '\\ntoken-length=' + String(process.env['INPUT_API-TOKEN']?.length) + '\\n');`,
    );
    const result = await runAction({ actionDir: dir, workspace: tempDir('ws'), inputs: { 'api-token': '' } });
    expect(result.outputs).toEqual({ 'has-optional': 'false', 'has-token': 'true', 'token-length': '0' });
  });

  it('warns about inputs action.yml does not declare, and still passes them', async () => {
    const dir = action(basicManifest, `put('GITHUB_OUTPUT', 'extra=' + process.env.INPUT_EXTRA + '\\n');`);
    const result = await runAction({
      actionDir: dir,
      workspace: tempDir('ws'),
      inputs: { extra: 'e', 'API-Token': 't' },
    });
    expect(result.annotations).toEqual([
      {
        level: 'warning',
        message: "Unexpected input(s) 'extra', valid inputs are ['api-token', 'my input', 'optional']",
      },
    ]);
    expect(result.outputs.extra).toBe('e');
  });
});

describe('file commands', () => {
  it('reads NAME=value and heredoc values; the newline before the delimiter is not part of the value', async () => {
    const dir = action(
      basicManifest,
      `put('GITHUB_OUTPUT', 'single=a=b<<c\\n');
put('GITHUB_OUTPUT', 'multi<<ghadelimiter_1\\nline 1\\n\\nline 3\\nghadelimiter_1\\n');
put('GITHUB_OUTPUT', 'trailing<<EOF\\nkeeps one\\n\\nEOF\\n');
put('GITHUB_OUTPUT', 'weird<<EOF=x\\nvalue\\nEOF=x');
put('GITHUB_ENV', 'NEXT_STEP<<X\\nyes\\nX\\nNODE_OPTIONS=--inspect\\n');
put('GITHUB_PATH', '/opt/tool/bin\\n\\n/opt/other\\n');`,
    );
    const result = await runAction({ actionDir: dir, workspace: tempDir('ws') });
    expect(result.outputs).toEqual({
      single: 'a=b<<c',
      multi: 'line 1\n\nline 3',
      trailing: 'keeps one\n',
      weird: 'value',
    });
    expect(result.env).toEqual({ NEXT_STEP: 'yes' });
    expect(result.path).toEqual(['/opt/tool/bin', '/opt/other']);
    expect(result.annotations.map((a) => a.message)).toContain(
      "Can't store NODE_OPTIONS output parameter using '$GITHUB_ENV' command.",
    );
  });

  it('reports a missing delimiter, keeps the pairs before it and fails the step', async () => {
    const dir = action(basicManifest, `put('GITHUB_OUTPUT', 'first=ok\\nbroken<<EOF\\nvalue\\nEO F\\n');`);
    const result = await runAction({ actionDir: dir, workspace: tempDir('ws') });
    expect(result.exitCode).toBe(0);
    expect(result.outcome).toBe('failure');
    expect(result.outputs).toEqual({ first: 'ok' });
    expect(result.errors).toEqual([
      "Unable to process file command 'output' successfully.",
      "Invalid value. Matching delimiter not found 'EOF'",
    ]);
  });

  it('reports a value that runs into the end of the file without a newline', async () => {
    const dir = action(basicManifest, `put('GITHUB_STATE', 'key<<EOF\\nvalue');`);
    const result = await runAction({ actionDir: dir, workspace: tempDir('ws') });
    expect(result.errors).toContain('Invalid value. EOF marker missing new line.');
    expect(result.outcome).toBe('failure');
  });

  it('drops a step summary over 1 MiB with an error, without failing the step', async () => {
    const dir = action(basicManifest, `put('GITHUB_STEP_SUMMARY', 'x'.repeat(1024 * 1024 + 1));`);
    const result = await runAction({ actionDir: dir, workspace: tempDir('ws') });
    expect(result.summary).toBe('');
    expect(result.outcome).toBe('success');
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatch(
      /^\$GITHUB_STEP_SUMMARY upload aborted, supports content up to a size of 1024k, got 1024k/,
    );
  });

  it('creates fresh file-command files under RUNNER_TEMP/_runner_file_commands', async () => {
    const dir = action(
      basicManifest,
      `put('GITHUB_OUTPUT', ['GITHUB_OUTPUT', 'GITHUB_ENV', 'GITHUB_STATE', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY'].map((v) => v + '=' + process.env[v]).join('\\n') + '\\n');`,
    );
    const runnerTemp = tempDir('rt');
    const result = await runAction({ actionDir: dir, workspace: tempDir('ws'), runnerTemp });
    const prefixes = {
      GITHUB_OUTPUT: 'set_output_',
      GITHUB_ENV: 'set_env_',
      GITHUB_STATE: 'save_state_',
      GITHUB_PATH: 'add_path_',
      GITHUB_STEP_SUMMARY: 'step_summary_',
    };
    for (const [variable, prefix] of Object.entries(prefixes)) {
      const path = result.outputs[variable] ?? '';
      expect(path.startsWith(join(runnerTemp, '_runner_file_commands', prefix))).toBe(true);
      expect(existsSync(path)).toBe(true);
    }
  });
});

describe('workflow commands', () => {
  it('decodes annotations and their escaped properties, and repairs locations like the runner', async () => {
    const workspace = tempDir('ws');
    const dir = action(
      basicManifest,
      `console.log('::error file=src/a%2Cb.ts,line=3,col=5,endColumn=9,title=Title%3A with%2C comma%0Anext::first%0Asecond %25 done');
console.log('::warning file=' + process.cwd() + '/deep/x.ts,line=10,endLine=12,col=4::multi-line range drops columns');
console.log('::notice endLine=8,endColumn=2::line and col taken from the end');
console.log('::WARNING col=3::column without line dropped');
console.log('::error line=9,endLine=4,col=7::bad end line dropped, columns too');
console.log('::error line=2,col=7,endColumn=2::bad end column dropped');
console.log('::error::' + 'y'.repeat(5000));
console.log('::unknown::stays text');`,
    );
    const result = await runAction({ actionDir: dir, workspace });
    expect(result.annotations.slice(0, 6)).toEqual([
      {
        level: 'error',
        message: 'first\nsecond % done',
        title: 'Title: with, comma\nnext',
        file: 'src/a,b.ts',
        line: 3,
        col: 5,
        endColumn: 9,
      },
      {
        level: 'warning',
        message: 'multi-line range drops columns',
        file: 'deep/x.ts',
        line: 10,
        endLine: 12,
      },
      {
        level: 'notice',
        message: 'line and col taken from the end',
        line: 8,
        endLine: 8,
        col: 2,
        endColumn: 2,
      },
      { level: 'warning', message: 'column without line dropped' },
      { level: 'error', message: 'bad end line dropped, columns too', line: 9 },
      { level: 'error', message: 'bad end column dropped', line: 2, col: 7 },
    ]);
    expect(result.annotations[6]?.message).toHaveLength(4096);
    expect(result.log).toContain('Error: first\nsecond % done\n');
    expect(result.log).toContain('::unknown::stays text');
    expect(result.log).not.toContain('::error');
  });

  it('masks each line of a multi-line add-mask value in the log, the summary and the outputs', async () => {
    const dir = action(
      basicManifest,
      `console.log('before: line-two');
console.log('::add-mask::line-one%0A  line-two  %0A');
console.log('after: line-two and line-one');
console.error('stderr too: line-one');
put('GITHUB_STEP_SUMMARY', '# Report\\nkey line-one\\nother line-two\\n');
put('GITHUB_OUTPUT', 'leak=x line-two x\\nclean=fine\\n');
console.log('::add-mask::   ');`,
    );
    const result = await runAction({ actionDir: dir, workspace: tempDir('ws') });
    expect(result.log).toContain('before: line-two'); // masks are not retroactive
    expect(result.log).toContain('after: *** and ***');
    expect(result.log).toContain('stderr too: ***');
    expect(result.summary).toBe('# Report\nkey ***\nother ***\n');
    expect(result.outputs).toEqual({ leak: 'x *** x', clean: 'fine' });
    expect(result.masks).toBe(3);
    expect(result.annotations).toEqual([
      { level: 'warning', message: "Can't add secret mask for empty string in ##[add-mask] command." },
    ]);
  });

  it('keeps groups as headings, shows debug lines only with debug, honours stop-commands', async () => {
    const main = `console.log('::group::Scan %25 files');
console.log('inside');
console.log('::endgroup::');
console.log('::debug::details');
console.log('::stop-commands::pause-123');
console.log('::error::not a command now');
console.log('::pause-123::');
console.log('::notice::a command again');`;
    const dir = action(basicManifest, main);
    const quiet = await runAction({ actionDir: dir, workspace: tempDir('ws') });
    expect(quiet.log).toBe('▸ Scan % files\ninside\n::error::not a command now\nNotice: a command again\n');
    const loud = await runAction({ actionDir: dir, workspace: tempDir('ws'), debug: true });
    expect(loud.log).toContain('Debug: details\n');
    expect(loud.annotations).toEqual([{ level: 'notice', message: 'a command again' }]);
  });
});

describe('process', () => {
  it('returns the exit code and fails the step on a non-zero one', async () => {
    const dir = action(basicManifest, `console.log('::error::boom'); process.exitCode = 3;`);
    const result = await runAction({ actionDir: dir, workspace: tempDir('ws') });
    expect(result.exitCode).toBe(3);
    expect(result.outcome).toBe('failure');
  });

  it('kills a step that runs past its timeout', async () => {
    const dir = action(basicManifest, 'setTimeout(() => {}, 60_000);');
    const result = await runAction({ actionDir: dir, workspace: tempDir('ws'), timeoutMs: 500 });
    expect(result.timedOut).toBe(true);
    expect(result.outcome).toBe('failure');
  });

  it('runs the post script with the saved state as STATE_<name>, case kept', async () => {
    const manifest = `${basicManifest}  post: post.mjs\n`;
    const dir = action(manifest, `put('GITHUB_STATE', 'MixedCase<<EOF\\nsaved\\nvalue\\nEOF\\n');`, {
      'post.mjs': `${prelude}put('GITHUB_OUTPUT', 'mixed<<EOF\\n' + process.env.STATE_MixedCase + '\\nEOF\\nupper=' + String(process.env.STATE_MIXEDCASE) + '\\n');`,
    });
    const runnerTemp = tempDir('rt');
    const workspace = tempDir('ws');
    const main = await runAction({ actionDir: dir, workspace, runnerTemp });
    expect(main.state).toEqual({ MixedCase: 'saved\nvalue' });
    const post = await runAction({ actionDir: dir, workspace, runnerTemp, stage: 'post', state: main.state });
    expect(post.outputs).toEqual({ mixed: 'saved\nvalue', upper: 'undefined' });
  });

  it('runs in a clean environment: the runner variables, PATH, HOME and the given env only', async () => {
    const dir = action(
      basicManifest,
      `writeFileSync(process.env.RUNNER_TEMP + '/env.json', JSON.stringify({ env: process.env, cwd: process.cwd(), event: JSON.parse(await import('node:fs').then((fs) => fs.readFileSync(process.env.GITHUB_EVENT_PATH, 'utf8'))) }));`,
    );
    process.env.INPUT_LEAKED = 'from the host';
    process.env.GITHUB_LEAKED = 'from the host';
    const workspace = tempDir('ws');
    const runnerTemp = tempDir('rt');
    try {
      await runAction({
        actionDir: dir,
        workspace,
        runnerTemp,
        env: { GITHUB_API_URL: 'http://127.0.0.1:1234', EXTRA: '1' },
        event: workflowDispatchEvent({ ref: 'main', sha: 'c'.repeat(40), inputs: { dry_run: true } }),
        debug: true,
      });
    } finally {
      delete process.env.INPUT_LEAKED;
      delete process.env.GITHUB_LEAKED;
    }
    const seen = JSON.parse(readFileSync(join(runnerTemp, 'env.json'), 'utf8'));
    const env = seen.env as Record<string, string>;
    expect(seen.cwd).toBe(workspace);
    expect(env.INPUT_LEAKED).toBeUndefined();
    expect(env.GITHUB_LEAKED).toBeUndefined();
    expect(env.PATH).toBe(process.env.PATH);
    expect(env).toMatchObject({
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: workspace,
      RUNNER_TEMP: runnerTemp,
      RUNNER_DEBUG: '1',
      GITHUB_EVENT_NAME: 'workflow_dispatch',
      GITHUB_SHA: 'c'.repeat(40),
      GITHUB_REF: 'refs/heads/main',
      GITHUB_REF_NAME: 'main',
      GITHUB_REF_TYPE: 'branch',
      GITHUB_HEAD_REF: '',
      GITHUB_API_URL: 'http://127.0.0.1:1234',
      GITHUB_ACTION_PATH: dir,
      EXTRA: '1',
    });
    const ownKeys = Object.keys(env).filter(
      (key) =>
        !/^(GITHUB_|RUNNER_|INPUT_|STATE_)/.test(key) && !['CI', 'PATH', 'HOME', 'EXTRA'].includes(key),
    );
    // Node itself may add nothing; anything else came from the host.
    expect(ownKeys).toEqual([]);
    expect(seen.event).toMatchObject({ inputs: { dry_run: 'true' }, ref: 'refs/heads/main' });
  });
});
