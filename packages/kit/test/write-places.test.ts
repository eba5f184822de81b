// Files an action writes stay inside the workspace or RUNNER_TEMP, judged by their real path; a path elsewhere
// is one input error naming the input, and context.writeFile refuses it too (never a recursive mkdir that hangs).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type ActionHost,
  createRecordingLogger,
  defineAction,
  executeAction,
  InputError,
  input,
  parseInputs,
} from '../src/index';
import { localRun } from '../src/testing';
import { outsideWritePlaces, writeInside } from '../src/write-places';

const root = mkdtempSync(join(tmpdir(), 'kit-write-places-'));
const workspace = join(root, 'workspace');
const temp = join(root, 'runner-temp');
const outside = join(root, 'outside');
for (const folder of [workspace, temp, outside, join(workspace, 'reports')]) mkdirSync(folder);
writeFileSync(join(outside, 'victim.json'), 'untouched\n');
// Links inside the workspace: one to a folder outside, one to a file outside, one to a folder inside, one to
// nowhere.
symlinkSync(outside, join(workspace, 'escape'));
symlinkSync(join(outside, 'victim.json'), join(workspace, 'victim.json'));
symlinkSync(join(workspace, 'reports'), join(workspace, 'reports-link'));
symlinkSync(join(outside, 'gone'), join(workspace, 'dangling'));
const places = { workspace, temp };

const expected = 'a file to write in the workspace or RUNNER_TEMP';

function readOutputFile(value: string): string | undefined {
  return parseInputs({ 'report-file': input.outputFile() }, () => value, { places })['report-file'];
}

function refusal(value: string): string {
  try {
    readOutputFile(value);
  } catch (thrown) {
    expect(thrown).toBeInstanceOf(InputError);
    expect((thrown as InputError).input).toBe('report-file');
    return (thrown as Error).message;
  }
  throw new Error(`'${value}' was accepted`);
}

describe('input.outputFile', () => {
  it.each([
    ['a new file in the workspace', 'out/report.json', join(workspace, 'out', 'report.json')],
    ['a file in RUNNER_TEMP by absolute path', join(temp, 'report.json'), join(temp, 'report.json')],
    [
      'a path through a link that stays in the workspace',
      'reports-link/r.json',
      join(workspace, 'reports-link', 'r.json'),
    ],
  ])('takes %s', (_, value, path) => {
    expect(readOutputFile(value)).toBe(path);
  });

  it.each([
    [
      '/proc/nonexistent/x',
      `Input 'report-file' must be ${expected}; got '/proc/nonexistent/x', which is outside both.`,
    ],
    ['../../outside', `Input 'report-file' must be ${expected}; got '../../outside', which is outside both.`],
    [
      'escape/report.json',
      `Input 'report-file' must be ${expected}; got 'escape/report.json', which leads to ${join(outside, 'report.json')}, outside both.`,
    ],
    [
      'victim.json',
      `Input 'report-file' must be ${expected}; got 'victim.json', which leads to ${join(outside, 'victim.json')}, outside both.`,
    ],
    [
      'dangling',
      `Input 'report-file' must be ${expected}; got 'dangling', which goes through ${join(workspace, 'dangling')}, a symbolic link that leads nowhere.`,
    ],
    ['reports', `Input 'report-file' must be ${expected}; got 'reports', which is a folder.`],
  ])('refuses %s in one line naming the input', (value, message) => {
    expect(refusal(value)).toBe(message);
  });

  it('knows only the workspace when no temp folder is given', () => {
    expect(outsideWritePlaces(join(temp, 'r.json'), { workspace })).toEqual({
      leadsTo: join(temp, 'r.json'),
    });
  });
});

describe('writeInside', () => {
  it('creates the missing folders, one at a time, and writes the file', async () => {
    await writeInside(join(workspace, 'a', 'b', 'c.json'), '{}\n', places);
    expect(readFileSync(join(workspace, 'a', 'b', 'c.json'), 'utf8')).toBe('{}\n');
  });

  it.each([
    ['/proc/nonexistent/x', 'which is outside both'],
    [join(workspace, 'escape', 'new', 'x.json'), `which leads to ${join(outside, 'new', 'x.json')}`],
  ])('refuses %s at once instead of creating its folders', async (path, why) => {
    await expect(writeInside(path, 'x', places)).rejects.toThrow(
      `cannot write ${path}: files are written only in the workspace or RUNNER_TEMP, ${why}`,
    );
    expect(existsSync(join(outside, 'new'))).toBe(false);
  });
});

describe('context.writeFile', () => {
  const run = localRun(workspace, temp);

  async function writeThrough(path: string, text: string) {
    const failures: string[] = [];
    const host: ActionHost = {
      readInput: () => undefined,
      mask: () => {},
      log: createRecordingLogger(),
      run,
      setOutput: () => {},
      writeSummary: async () => {},
      fail: (message) => failures.push(message),
    };
    const action = defineAction({
      name: 'writer',
      inputs: {},
      async run(_inputs, context) {
        await context.writeFile(path, text);
        return { outputs: {} };
      },
    });
    await executeAction(action, host);
    return failures;
  }

  it('writes relative to the workspace', async () => {
    expect(await writeThrough('records/release.json', 'ok\n')).toEqual([]);
    expect(readFileSync(join(workspace, 'records', 'release.json'), 'utf8')).toBe('ok\n');
  });

  it('fails the step with one line for a file outside the workspace and RUNNER_TEMP', async () => {
    expect(await writeThrough(join(workspace, 'victim.json'), 'overwritten\n')).toEqual([
      `writer: cannot write ${join(workspace, 'victim.json')}: files are written only in the workspace or RUNNER_TEMP, which leads to ${join(outside, 'victim.json')}, outside both`,
    ]);
    expect(readFileSync(join(outside, 'victim.json'), 'utf8')).toBe('untouched\n');
  });
});
