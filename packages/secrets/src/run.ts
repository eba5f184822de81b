// One run of the secret mirror: load and check every mirror's values, read each target, plan, write, verify,
// then ages, parity and what Fly machines need. Values stay in memory; the report holds names only.

import type { FlyApi } from '@shipgate/fly';
import type { GitHubApi } from '@shipgate/github';
import { errorMessage, type Logger, Redactor } from '@shipgate/kit';
import { type AgeItem, ageReport } from './age';
import { type ApplyOutcome, applyPlan } from './apply';
import { capacityProblem } from './capacity';
import type { Mirror, MirrorConfig } from './config';
import { type FlyRestartNote, flyMachinesAfterWrite } from './fly-machines';
import { generateValue } from './generate';
import { parityReport } from './parity';
import { countActions, type PlanItem, planMirror, type RemoteSecret } from './plan';
import { listRemote, readTarget, type TargetRead } from './remote';
import type { Failure, MirrorReport, MirrorTargetInfo } from './report';
import { checkRules, maxGitHubSecretBytes, type Violation } from './rules';
import { loadSources, type SecretEntry } from './sources';
import { type Repository, type ResolvedTarget, remoteName, resolveTargets } from './targets';
import { type VerificationItem, verifyTarget } from './verify';

export interface MirrorDeps {
  github?: GitHubApi;
  fly?: FlyApi;
  /** The run's repository: default of GitHub targets, home of the Fly targets' state. */
  repository?: Repository;
  /** Keys the digests; without it every secret is written on every run. */
  digestKey?: string;
  env: NodeJS.ProcessEnv;
  workspace: string;
  log: Logger;
  now?: () => Date;
  /** Called with every value as soon as it is loaded or generated, before anything is logged: mask it. */
  onValue?: (value: string) => void;
}

export interface MirrorOptions {
  dryRun?: boolean;
  /** Give every generated secret a new value. */
  rotate?: boolean;
  /** List each target after writing and check it (default true). */
  verify?: boolean;
  onDrift?: 'rewrite' | 'report';
  failOnOverdue?: boolean;
  /** Restart Fly machines one at a time after their app's secrets changed. */
  restartFlyMachines?: boolean;
  /** Turns pruning on for every mirror (the action's input); never turns a mirror's `prune` off. */
  prune?: boolean;
  /** For mirrors without `max-age-days`. */
  maxAgeDays?: number;
  /** Per machine restart: started and healthy within (default 120 s); poll interval (default 1 s). */
  flyRestartTimeoutMs?: number;
  flyRestartPollMs?: number;
}

interface LoadedMirror {
  mirror: Mirror;
  targets: ResolvedTarget[];
  entries: SecretEntry[];
}

interface TargetRun {
  loaded: LoadedMirror;
  read: TargetRead;
  items: PlanItem[];
  outcome?: ApplyOutcome;
}

/** Runs every mirror of the config. Throws on unusable sources or targets; everything else is in the report. */
export async function runMirror(
  config: MirrorConfig,
  deps: MirrorDeps,
  options: MirrorOptions = {},
): Promise<MirrorReport> {
  const now = deps.now ?? (() => new Date());
  const log = deps.log;
  const redactor = new Redactor();
  const remember = (value: string) => {
    redactor.add(value);
    deps.onValue?.(value);
  };
  const warnings: string[] = [];
  const warn = (message: string) => {
    warnings.push(message);
    log.warning(message);
  };
  if (!deps.digestKey) {
    warn('no digest key: every secret is written on every run, and drift cannot be told from a change');
  }

  const loaded = await log.group('Sources', () => loadMirrors(config, deps, remember));
  const targets: MirrorTargetInfo[] = loaded.flatMap(({ mirror, targets }) =>
    targets.map((target) => ({ mirror: mirror.name, id: target.id, label: target.label, kind: target.kind })),
  );
  const namesByMirror = new Map(
    loaded.map(({ mirror, entries }) => [
      mirror.name,
      [...entries.map((entry) => entry.name), ...mirror.generated.map((spec) => spec.name)],
    ]),
  );
  const parity = parityReport(config.parity, namesByMirror);
  // Logged, not added to `warnings`: the report carries parity as its own field.
  for (const item of parity) {
    const [first, second] = item.mirrors;
    if (item.onlyInFirst.length > 0)
      log.warning(`parity: ${second} lacks ${item.onlyInFirst.join(', ')} (in ${first})`);
    if (item.onlyInSecond.length > 0)
      log.warning(`parity: ${first} lacks ${item.onlyInSecond.join(', ')} (in ${second})`);
  }

  const violations: Violation[] = loaded.flatMap(({ mirror, targets, entries }) =>
    checkRules(entries, mirror.rules, {
      ...(targets.some((target) => target.kind === 'github') ? { maxBytes: maxGitHubSecretBytes } : {}),
    }),
  );
  const base = {
    dryRun: options.dryRun ?? false,
    rotate: options.rotate ?? false,
    targets,
    parity,
    warnings,
  };
  if (violations.length > 0) {
    for (const violation of violations) log.error(violation.message);
    log.error(`${violations.length} value rule violation(s): nothing was written`);
    return { ...base, ...emptyOutcome(), ok: false, violations };
  }

  const failures: Failure[] = [];
  const runs: TargetRun[] = [];
  const overflowing = new Set<TargetRun>();
  const plan = await log.group('Targets and plan', async () => {
    for (const mirror of loaded) {
      const reads: TargetRead[] = [];
      for (const target of mirror.targets) {
        try {
          const read = await readTarget(target, deps);
          for (const message of read.warnings) warn(message);
          reads.push(read);
        } catch (thrown) {
          failures.push(failure(mirror.mirror.name, target, 'read', [], thrown, redactor));
        }
      }
      const items = planMirror({
        mirror: {
          name: mirror.mirror.name,
          prune: options.prune && !mirror.mirror.prune ? true : mirror.mirror.prune,
        },
        entries: mirror.entries,
        generated: mirror.mirror.generated.map((spec) => spec.name),
        snapshots: reads,
        ...(deps.digestKey ? { digestKey: deps.digestKey } : {}),
        rotate: options.rotate ?? false,
        onDrift: options.onDrift ?? 'rewrite',
      });
      for (const read of reads) {
        runs.push({ loaded: mirror, read, items: items.filter((item) => item.target === read.target.id) });
      }
    }
    const planned = runs.flatMap((run) => run.items);
    for (const run of runs) logPlan(log, run);
    for (const item of planned.filter((entry) => entry.action === 'drift')) {
      warn(
        `${item.target}: ${item.name} was changed outside the mirror${item.writes ? '; writing the vault value back' : ''}`,
      );
    }

    // Checked before any write, and in a dry run too: GitHub refuses secrets past its per-scope limit.
    for (const run of runs) {
      const overflow = capacityProblem(run.read, run.items);
      if (!overflow) continue;
      overflowing.add(run);
      const names = run.items.filter((item) => item.writes).map((item) => item.name);
      failures.push({
        mirror: run.loaded.mirror.name,
        target: run.read.target.id,
        operation: 'put-secret',
        names,
        error: overflow,
      });
      log.error(overflow);
    }

    return planned;
  });
  if (!options.dryRun) {
    await log.group('Writing', async () => {
      const generated = generatedValues(loaded, plan, remember);
      for (const run of runs) {
        if (overflowing.has(run)) continue;
        const values = valuesFor(run, generated);
        const writes = run.items.filter((item) => item.writes).length;
        let done = 0;
        run.outcome = await log.waitingFor(
          () => `the writes to ${run.read.target.label}: ${done} of ${writes} secrets written or deleted`,
          () =>
            applyPlan({
              mirror: run.loaded.mirror.name,
              target: run.read.target,
              items: run.items,
              values,
              state: run.read.state,
              createEnvironment: run.read.createEnvironment,
              ...(deps.digestKey ? { digestKey: deps.digestKey } : {}),
              clients: deps,
              redactor,
              now,
              onResult: (result) => {
                if (result.operation !== 'create-environment' && result.operation !== 'write-state')
                  done += result.names.length;
              },
            }),
        );
        for (const result of run.outcome.results.filter((entry) => !entry.ok)) {
          const { ok: _ok, ...rest } = result;
          failures.push({ ...rest, error: result.error ?? 'failed' });
          log.error(
            `${result.target}: ${result.operation} ${result.names.join(', ')} failed: ${result.error}`,
          );
        }
      }
    });
  }
  const results = runs.flatMap((run) => run.outcome?.results ?? []);

  const verification: VerificationItem[] = [];
  const listings = new Map<TargetRun, RemoteSecret[]>();
  if (!options.dryRun && options.verify !== false) {
    await log.group('Verification', async () => {
      for (const run of runs) {
        const target = run.read.target;
        let after: RemoteSecret[];
        try {
          after = run.outcome?.remoteAfter ?? (await listRemote(target, deps));
        } catch (thrown) {
          failures.push(failure(run.loaded.mirror.name, target, 'read', [], thrown, redactor));
          continue;
        }
        listings.set(run, after);
        verification.push(
          ...verifyTarget({
            mirror: run.loaded.mirror.name,
            target: target.id,
            expected: desiredNames(run).map((name) => remoteName(target, name)),
            written: run.outcome?.written ?? new Map(),
            deleted: run.outcome?.deleted ?? new Set(),
            before: run.read.remote,
            after,
          }),
        );
      }
      for (const item of verification.filter((entry) => entry.status !== 'ok')) {
        log.error(`${item.target}: ${item.name} failed verification: ${item.status}`);
      }
      const verified = verification.filter((entry) => entry.status === 'ok').length;
      log.info(`verified ${verified} of ${verification.length} as the targets list them after the writes`);
    });
  }

  const ages: AgeItem[] = runs.flatMap((run) =>
    ageReport({
      mirror: run.loaded.mirror.name,
      target: run.read.target.id,
      names: desiredNames(run),
      remote: listings.get(run) ?? run.outcome?.remoteAfter ?? run.read.remote,
      maxAgeDays: run.loaded.mirror['max-age-days'] ?? options.maxAgeDays,
      now: now(),
      key: (name) => remoteName(run.read.target, name),
    }),
  );
  const overdue = ages.filter((age) => age.overdue);
  for (const age of overdue) warn(`${age.target}: ${age.name} is ${age.ageDays} days old, past max-age-days`);

  const fly = await flyNotes(runs, deps, options, failures, redactor, log);

  const ok =
    failures.length === 0 &&
    verification.every((item) => item.status === 'ok') &&
    !(options.failOnOverdue && overdue.length > 0);
  return {
    ...base,
    ok,
    plan,
    counts: countActions(plan),
    writes: results.length,
    results,
    failures,
    verification,
    ages,
    overdue: overdue.length,
    violations: [],
    fly,
  };
}

async function loadMirrors(
  config: MirrorConfig,
  deps: MirrorDeps,
  remember: (value: string) => void,
): Promise<LoadedMirror[]> {
  const loaded: LoadedMirror[] = [];
  const owners = new Map<string, string>();
  for (const mirror of config.mirrors) {
    const targets = resolveTargets(mirror, {
      ...(deps.repository ? { repository: deps.repository } : {}),
      digestVariable: config['digest-variable'],
    });
    for (const target of targets) {
      const owner = owners.get(target.id);
      // One state per target: two mirrors writing one target would prune and overwrite each other.
      if (owner)
        throw new Error(
          `${target.label} is a target of both '${owner}' and '${mirror.name}'; give it to one mirror`,
        );
      owners.set(target.id, mirror.name);
    }
    const entries = await loadSources(mirror, { workspace: deps.workspace, env: deps.env });
    for (const entry of entries) remember(entry.value);
    deps.log.info(
      `${mirror.name}: ${entries.length} secret(s) from ${mirror.sources.length} source(s), ${mirror.generated.length} generated`,
    );
    loaded.push({ mirror, targets, entries });
  }
  return loaded;
}

/** One new value per generated name that any target creates or rotates, shared by all its targets. */
function generatedValues(
  loaded: LoadedMirror[],
  plan: PlanItem[],
  remember: (value: string) => void,
): Map<string, Map<string, string>> {
  const byMirror = new Map<string, Map<string, string>>();
  for (const { mirror } of loaded) {
    const values = new Map<string, string>();
    for (const spec of mirror.generated) {
      const needed = plan.some(
        (item) =>
          item.mirror === mirror.name &&
          item.origin === 'generated' &&
          item.name.toUpperCase() === spec.name.toUpperCase() &&
          item.writes,
      );
      if (!needed) continue;
      const value = generateValue(spec);
      remember(value);
      values.set(spec.name, value);
    }
    byMirror.set(mirror.name, values);
  }
  return byMirror;
}

/** The values of one target, by the names its plan items use. */
function valuesFor(run: TargetRun, generated: Map<string, Map<string, string>>): Map<string, string> {
  const target = run.read.target;
  const values = new Map<string, string>();
  for (const entry of run.loaded.entries) values.set(remoteName(target, entry.name), entry.value);
  for (const [name, value] of generated.get(run.loaded.mirror.name) ?? [])
    values.set(remoteName(target, name), value);
  return values;
}

function desiredNames(run: TargetRun): string[] {
  return [
    ...run.loaded.entries.map((entry) => entry.name),
    ...run.loaded.mirror.generated.map((spec) => spec.name),
  ];
}

async function flyNotes(
  runs: TargetRun[],
  deps: MirrorDeps,
  options: MirrorOptions,
  failures: Failure[],
  redactor: Redactor,
  log: Logger,
): Promise<FlyRestartNote[]> {
  const notes: FlyRestartNote[] = [];
  for (const run of runs) {
    const target = run.read.target;
    const write = run.outcome?.flyWrite;
    if (target.kind !== 'fly' || !write || !deps.fly) continue;
    try {
      const fly = deps.fly;
      const note = await log.waitingFor(`the machines of ${target.app} to restart one at a time`, () =>
        flyMachinesAfterWrite(fly, target.app, write, {
          restart: options.restartFlyMachines ?? false,
          ...(options.flyRestartTimeoutMs ? { timeoutMs: options.flyRestartTimeoutMs } : {}),
          ...(options.flyRestartPollMs ? { pollMs: options.flyRestartPollMs } : {}),
        }),
      );
      for (const machine of note.machines) if (machine.error) machine.error = redactor.redact(machine.error);
      note.message = redactor.redact(note.message);
      log.info(note.message);
      notes.push(note);
      const failed = note.machines.find((machine) => machine.error);
      if (failed) {
        failures.push({
          mirror: run.loaded.mirror.name,
          target: target.id,
          operation: 'restart-machines',
          names: [failed.id],
          error: failed.error!,
        });
      }
    } catch (thrown) {
      failures.push(failure(run.loaded.mirror.name, target, 'restart-machines', [], thrown, redactor));
    }
  }
  return notes;
}

function failure(
  mirror: string,
  target: ResolvedTarget,
  operation: Failure['operation'],
  names: string[],
  thrown: unknown,
  redactor: Redactor,
): Failure {
  const permission = (thrown as { permission?: unknown }).permission;
  return {
    mirror,
    target: target.id,
    operation,
    names,
    error: redactor.redact(`${target.label}: ${errorMessage(thrown)}`),
    ...(typeof permission === 'string' ? { permission } : {}),
  };
}

function logPlan(log: Logger, run: TargetRun): void {
  const counts = countActions(run.items);
  const parts = Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([action, count]) => `${count} ${action}`);
  log.info(`${run.read.target.label}: ${parts.join(', ') || 'nothing to mirror'}`);
}

function emptyOutcome() {
  return {
    plan: [],
    counts: countActions([]),
    writes: 0,
    results: [],
    failures: [],
    verification: [],
    ages: [],
    overdue: 0,
    fly: [],
  };
}
