// Cold start of each bundle: `node dist/index.js` with no inputs (each fails fast on its required input or
// missing policy) against `node -e 0`, interleaved in the same run, median of 15.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { listBundles, repoRoot } from '../scripts/bundles';
import { median, ms, ratio } from './stats';

export interface ColdStartRow {
  bundle: string;
  /** What the run did before it exited. */
  run: string;
  sizeKiB: number;
  medianMs: number;
  baselineMs: number;
  ratio: number;
}

function run(args: string[], cwd: string, extraEnv: Record<string, string> = {}): number {
  const start = process.hrtime.bigint();
  spawnSync(process.execPath, args, {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: cwd, ...extraEnv },
    stdio: 'ignore',
  });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

export function coldStart(times = 15): { rows: ColdStartRow[]; markdown: string } {
  const cwd = mkdtempSync(join(tmpdir(), 'shipgate-bench-cold-'));
  const rows: ColdStartRow[] = [];
  try {
    for (const bundle of listBundles().filter((b) => b.label.startsWith('action '))) {
      const entry = join(bundle.outDir, 'index.js');
      // A bad value for an input each action parses first (an action ignores inputs it does not declare) stops
      // it at input parsing: the cost of the entry itself. With no
      // inputs at all, an action goes as far as its required inputs let it, loading what that path needs.
      const cases: Array<{ run: string; env: Record<string, string> }> = [
        {
          run: 'bad input: entry only',
          env: {
            INPUT_SCOPE: '?',
            'INPUT_FAIL-ON': '?',
            INPUT_MODE: '?',
            INPUT_REPEAT: '?',
            INPUT_STRATEGY: '?',
            INPUT_FORCE: '?',
            'INPUT_CREATE-ENVIRONMENT': '?',
          },
        },
        { run: 'no inputs: fails on its first need', env: {} },
      ];
      for (const { run: what, env } of cases) {
        const own: number[] = [];
        const baseline: number[] = [];
        for (let i = 0; i < times; i++) {
          baseline.push(run(['-e', '0'], cwd));
          own.push(run([entry], cwd, env));
        }
        const medianMs = median(own);
        const baselineMs = median(baseline);
        rows.push({
          bundle: relative(repoRoot, entry),
          run: what,
          sizeKiB: Math.round(statSync(entry).size / 1024),
          medianMs,
          baselineMs,
          ratio: medianMs / baselineMs,
        });
      }
    }
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
  const markdown = [
    '| bundle | entry size | run | time (median) | `node -e 0` | ratio |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| \`${row.bundle}\` | ${row.sizeKiB} KiB | ${row.run} | ${ms(row.medianMs)} | ${ms(row.baselineMs)} | ${ratio(row.ratio)} |`,
    ),
  ].join('\n');
  return { rows, markdown };
}
