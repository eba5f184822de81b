// Where an action may leave files: the workspace and the runner's temp folder (RUNNER_TEMP), judged by the real
// path (after symbolic links), so neither `../../x` nor a link inside the workspace can lead a write elsewhere.
import { lstatSync, realpathSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, sep } from 'node:path';

/** The folders a run may write in. */
export interface WritePlaces {
  workspace: string;
  /** The runner's temp folder (RUNNER_TEMP). */
  temp?: string;
}

/** What a write would go through: the real path it reaches and the folders that are still to be made. */
interface Reached {
  /** The real path of the deepest part that exists, with the rest appended. */
  real: string;
  /** The folders under `existing` a write would have to create, outermost first. */
  missing: string[];
}

/**
 * The real path `path` (absolute) would have once written: the real path of its deepest existing ancestor plus
 * the rest. A symbolic link on the way that leads nowhere gives `dangling`: a write there would land wherever it
 * points.
 */
function reach(path: string): Reached | { dangling: string } {
  const rest: string[] = [];
  let current = path;
  for (;;) {
    let exists = true;
    try {
      lstatSync(current);
    } catch {
      exists = false;
    }
    if (exists) {
      try {
        const real = realpathSync(current);
        const missing = rest.map((_, index) => join(current, ...rest.slice(0, index + 1))).slice(0, -1);
        return { real: join(real, ...rest), missing };
      } catch {
        return { dangling: current };
      }
    }
    const parent = dirname(current);
    if (parent === current) return { real: path, missing: [] };
    rest.unshift(basename(current));
    current = parent;
  }
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

function isInside(path: string, folder: string): boolean {
  const within = relative(folder, path);
  return within === '' || (!within.startsWith(`..${sep}`) && within !== '..' && !within.startsWith(sep));
}

/** Why a path may not be written: where it really leads (after symbolic links), or the link that leads nowhere. */
export type OutsidePlaces = { leadsTo: string } | { dangling: string };

/**
 * Undefined when the real path of `path` (absolute) lies inside the workspace or the runner's temp folder;
 * else why not.
 */
export function outsideWritePlaces(path: string, places: WritePlaces): OutsidePlaces | undefined {
  const reached = reach(path);
  if ('dangling' in reached) return reached;
  const folders = [places.workspace, ...(places.temp ? [places.temp] : [])].map(realOrSelf);
  return folders.some((folder) => isInside(reached.real, folder)) ? undefined : { leadsTo: reached.real };
}

/** The end of a sentence about `path` (`which is outside both`), for a path `outsideWritePlaces` refused. */
export function outsideText(path: string, outside: OutsidePlaces): string {
  if ('dangling' in outside)
    return `which goes through ${outside.dangling}, a symbolic link that leads nowhere`;
  return outside.leadsTo === path
    ? 'which is outside both'
    : `which leads to ${outside.leadsTo}, outside both`;
}

/**
 * Writes `text` to `path` (absolute) inside the workspace or RUNNER_TEMP, creating its missing folders one at a
 * time. Never a recursive mkdir: Node's never returns for a path such as /proc/nonexistent/x.
 */
export async function writeInside(path: string, text: string, places: WritePlaces): Promise<void> {
  const outside = outsideWritePlaces(path, places);
  if (outside) {
    throw new Error(
      `cannot write ${path}: files are written only in the workspace or RUNNER_TEMP, ${outsideText(path, outside)}`,
    );
  }
  await makeFoldersFor(path);
  await writeFile(path, text);
}

/**
 * Makes the folders missing above `path` (absolute), one at a time. Never a recursive mkdir: Node's never
 * returns for a path such as /proc/nonexistent/x. Throws one sentence: `cannot make the folder … (ENOENT)`, or
 * `… is not a folder` when the nearest part that exists is a file.
 */
export async function makeFoldersFor(path: string): Promise<void> {
  const reached = reach(path);
  if ('dangling' in reached) return;
  const nearest = dirname(reached.missing[0] ?? path);
  if (!lstatSync(realOrSelf(nearest), { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`${nearest} is not a folder`);
  }
  for (const folder of reached.missing) {
    try {
      await mkdir(folder);
    } catch (thrown) {
      const code = (thrown as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') throw new Error(`cannot make the folder ${folder} (${code ?? 'error'})`);
    }
  }
}

/**
 * The workspace and temp folder of a run, from what the host knows, else the runner's environment (the temp
 * folder as readRunEnvironment finds it).
 */
export function writePlacesOf(
  run: { workspace?: string; temp?: string },
  env: NodeJS.ProcessEnv = process.env,
): Required<WritePlaces> {
  return {
    workspace: run.workspace || env.GITHUB_WORKSPACE || process.cwd(),
    temp: run.temp || env.RUNNER_TEMP || tmpdir(),
  };
}
