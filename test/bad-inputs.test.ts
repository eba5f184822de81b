// Every input of every action.yml, given values it must refuse (chosen by the kind of input the kit says it is),
// through the bundles against the Fly and GitHub sandboxes, the other inputs valid. Each must end in exactly one
// `::error::` line naming the input, exit 1, promptly, with no request that changes anything on Fly or GitHub.
// A control run per action, with the same valid inputs and no bad one, must succeed: so a refusal is the bad
// value's doing, not the setup's.
import { cpSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { describeInputs, type InputInfo } from '@shipgate/kit';
import type { StepResult } from '@shipgate/runner';
import { type FlySandbox, type GitHubSandbox, startFlySandbox, startGitHubSandbox } from '@shipgate/sandbox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { type BadValue, badValuesFor } from './harness/bad-values';
import { actionsDir, runStep, tempDir } from './harness/index';
import { type OkSite, startOkSite } from './harness/ok-site';
import { scaledTimeout } from './harness/timeouts';
import { actionDefinition, actionNames, type ValidRun, validRuns } from './harness/valid-runs';

const flyToken = 'fm2_sandbox_badinputs_4d1c9e7a';
const githubToken = 'ghs_sandboxBadInputs7e3f1a9c2b';
const commit = '3f6c0a1e9b2d4c5f8a7e6d5c4b3a29181716f5e4';
/** The goal is 5 s from start to the one error line; a slow host scales it. */
const refusalTimeoutMs = scaledTimeout(5_000);
/**
 * Runs at once: one per core, up to four. A run is mostly the CPU of starting node, so more lanes than cores only
 * make each run slower towards its time limit, not the walk shorter.
 */
const concurrency = Math.max(2, Math.min(4, availableParallelism()));
/** A debugging aid: SHIPGATE_BAD_INPUTS_ONLY=fly-deploy,rollback tries only those actions. */
const only = process.env.SHIPGATE_BAD_INPUTS_ONLY?.split(',');

let fly: FlySandbox;
let github: GitHubSandbox;
let site: OkSite;

let setups: Map<string, ValidRun>;
/** Valid inputs left out when the named input is tried: they exclude each other. */
const leaveOut: Record<string, Record<string, string[]>> = { rollback: { 'record-file': ['image'] } };

/** A copy of the valid run's workspace for one run: what a run leaves there stays its own. */
function freshWorkspace(from: string): string {
  const dir = tempDir('bad-inputs');
  cpSync(from, dir, { recursive: true });
  return dir;
}

const actions = actionNames();

interface Case {
  action: string;
  input: string;
  bad: BadValue;
}

type Verdict = 'refused clearly' | 'hung' | 'wrongly accepted' | '>1 error line' | 'unclear';

interface Tried extends Case {
  verdict: Verdict;
  errors: string[];
  exitCode: number;
  startedAt: number;
  endedAt: number;
}

/** Every input of every action.yml, with the values the kit's field info says it must refuse. */
async function allCases(): Promise<Case[]> {
  const cases: Case[] = [];
  let turn = 0;
  for (const action of actions.filter((name) => !only || only.includes(name))) {
    const manifest = parse(readFileSync(join(actionsDir, action, 'action.yml'), 'utf8')) as {
      inputs?: Record<string, unknown>;
    };
    const infos: Record<string, InputInfo> = describeInputs((await actionDefinition(action)).inputs);
    for (const input of Object.keys(manifest.inputs ?? {})) {
      const info = infos[input];
      if (!info) throw new Error(`${action}: input '${input}' of action.yml has no field in the definition`);
      for (const bad of badValuesFor(info, turn)) cases.push({ action, input, bad });
      turn += 1;
    }
  }
  return cases;
}

function verdictOf(step: StepResult, input: string, errors: string[]): Verdict {
  if (step.timedOut) return 'hung';
  if (step.exitCode === 0) return 'wrongly accepted';
  if (errors.length > 1) return '>1 error line';
  if (step.exitCode !== 1 || errors.length === 0 || !errors[0]?.includes(`'${input}'`)) return 'unclear';
  return 'refused clearly';
}

async function tryCase(item: Case): Promise<Tried> {
  const setup = setups.get(item.action);
  if (!setup) throw new Error(`no valid run for ${item.action}`);
  const inputs = { ...setup.inputs };
  for (const name of leaveOut[item.action]?.[item.input] ?? []) delete inputs[name];
  inputs[item.input] = item.bad.value;
  const startedAt = Date.now();
  const step = await runStep(item.action, {
    workspace: freshWorkspace(setup.workspace),
    inputs,
    env: { ...runEnv(), ...setup.env },
    token: githubToken,
    secrets: [flyToken, githubToken],
    timeoutMs: refusalTimeoutMs,
  });
  const errors = step.annotations.filter((entry) => entry.level === 'error').map((entry) => entry.message);
  const tried = { ...item, verdict: verdictOf(step, item.input, errors), errors, exitCode: step.exitCode };
  // Shown as it is found, so a slow run still tells what it has seen.
  if (tried.verdict !== 'refused clearly') console.log(describeTried(tried));
  return { ...tried, startedAt, endedAt: Date.now() };
}

function describeTried(item: Omit<Tried, 'startedAt' | 'endedAt'>): string {
  const lines = item.errors.map((line) => line.slice(0, 200)).join(' ‖ ');
  return `  ${item.verdict}: ${item.action} ${item.input} = <${item.bad.label}> (exit ${item.exitCode}): ${lines}`;
}

function runEnv(): Record<string, string> {
  return {
    GITHUB_API_URL: github.apiUrl,
    GITHUB_REPOSITORY: 'shop-co/bad-inputs',
    GITHUB_SHA: commit,
  };
}

async function inTurn<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  });
  await Promise.all(lanes);
  return results;
}

/** Requests that change something: Fly's and GitHub's, with the time they were answered. */
function mutatingRequests(): { method: string; path: string; at: number }[] {
  const readOnly = new Set(['GET', 'HEAD', 'OPTIONS']);
  return [
    ...fly.requests.filter((request) => !readOnly.has(request.method)),
    ...github.requests.filter((request) => !readOnly.has(request.method)),
  ];
}

beforeAll(async () => {
  fly = await startFlySandbox({ token: flyToken, timeScale: 0.02 });
  github = await startGitHubSandbox({ token: githubToken });
  site = await startOkSite();
  setups = await validRuns({ fly, flyToken, github, githubToken, siteUrl: site.url, prefix: 'bad-inputs' });
});

afterAll(async () => {
  await fly?.close();
  await github?.close();
  await site?.close();
});

describe('every bad input value', () => {
  it('is refused with one error line naming the input, exit 1, promptly, before any change', async () => {
    const cases = await allCases();
    const inputsTried = new Set(cases.map((item) => `${item.action}/${item.input}`));
    fly.resetRequests();
    github.resetRequests();
    const tried = await inTurn(cases, concurrency, tryCase);

    const counts: Record<Verdict, number> = {
      'refused clearly': 0,
      hung: 0,
      'wrongly accepted': 0,
      '>1 error line': 0,
      unclear: 0,
    };
    for (const item of tried) counts[item.verdict] += 1;
    const wrong = tried.filter((item) => item.verdict !== 'refused clearly');
    const changes = mutatingRequests().map((request) => {
      const during = tried
        .filter((item) => item.startedAt <= request.at && request.at <= item.endedAt)
        .map((item) => `${item.action} ${item.input}=<${item.bad.label}>`);
      return `${request.method} ${request.path} during ${during.join(' | ') || 'no run'}`;
    });
    const report = [
      `bad inputs: ${tried.length} values tried over ${inputsTried.size} inputs of ${new Set(cases.map((item) => item.action)).size} actions`,
      ...Object.entries(counts).map(([verdict, count]) => `  ${verdict}: ${count}`),
      `  requests that changed something: ${changes.length}`,
      `  slowest refusal: ${Math.max(...tried.map((item) => item.endedAt - item.startedAt))} ms (limit ${refusalTimeoutMs} ms)`,
      ...wrong.map(describeTried),
      ...changes.map((line) => `  change: ${line}`),
    ].join('\n');
    console.log(report);

    if (!only)
      expect(inputsTried.size, 'every input of every action.yml was tried').toBeGreaterThanOrEqual(120);
    expect(
      { hung: counts.hung, accepted: counts['wrongly accepted'], multiLine: counts['>1 error line'] },
      report,
    ).toEqual({ hung: 0, accepted: 0, multiLine: 0 });
    expect(counts.unclear, report).toBe(0);
    expect(changes, report).toEqual([]);
  }, 900_000);

  it.each(actions)('%s succeeds with the same valid inputs and no bad one (the control)', async (action) => {
    const setup = setups.get(action);
    if (!setup) throw new Error(`no valid run for ${action}`);
    const step = await runStep(action, {
      workspace: freshWorkspace(setup.workspace),
      inputs: setup.inputs,
      env: { ...runEnv(), ...setup.env },
      token: githubToken,
      secrets: [flyToken, githubToken],
    });
    expect(step.exitCode, step.log).toBe(0);
  });
});
