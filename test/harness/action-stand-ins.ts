import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, matchesGlob, relative, resolve, sep } from 'node:path';
import type { ActionStandIn } from './workflow-runner';

// Local stand-ins for the third-party actions shipgate's workflows use, for runWorkflow's `actions` option.
// Each does on this machine what the real action's contract promises (its inputs, its outputs, its effect on
// the workspace); none talks to GitHub.

/** actions/checkout: copies `source` (a fixture repository, .git included) into the workspace or `path`, at `ref` if given. */
export function checkoutStandIn(source: string): ActionStandIn {
  return ({ inputs, workspace, log }) => {
    const target = inputs.path ? resolve(workspace, inputs.path) : workspace;
    cpSync(source, target, { recursive: true });
    if (inputs.ref && existsSync(join(target, '.git'))) {
      execFileSync('git', ['checkout', '--quiet', '--detach', inputs.ref], {
        cwd: target,
        env: { PATH: process.env.PATH ?? '', HOME: target },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    }
    log(`Checked out ${source}${inputs.ref ? ` at ${inputs.ref}` : ''} into ${target}`);
    return undefined;
  };
}

function lines(text: string | undefined): string[] {
  return (text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

function filesUnder(dir: string, includeHidden: boolean): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .filter(
      (file) =>
        includeHidden ||
        !relative(dir, file)
          .split(sep)
          .some((part) => part.startsWith('.')),
    );
}

function commonAncestor(dirs: string[]): string {
  const split = dirs.map((dir) => dir.split(sep));
  const first = split[0] ?? [];
  let length = 0;
  while (length < first.length && split.every((parts) => parts[length] === first[length])) length++;
  return first.slice(0, length).join(sep) || sep;
}

const globCharacters = /[*?[]/;

/** The literal directories before a glob's first wildcard: v4 roots a glob's matches there. */
function globRoot(absoluteGlob: string): string {
  const parts = absoluteGlob.split(sep);
  const wild = parts.findIndex((part) => globCharacters.test(part));
  return parts.slice(0, wild).join(sep) || sep;
}

/**
 * actions/upload-artifact (v4): the files, directories and globs in `path` (one per line, relative to the
 * workspace; `!pattern` excludes) are stored under the run's artifacts dir as `name`, relative to their least
 * common ancestor, as v4 does. A name already uploaded in the run is an error unless `overwrite` is true.
 */
export function uploadArtifactStandIn(): ActionStandIn {
  let uploads = 0;
  return ({ inputs, workspace, artifactsDir, github, log }) => {
    const name = inputs.name || 'artifact';
    const includeHidden = inputs['include-hidden-files'] === 'true';
    const found: string[] = [];
    const roots: string[] = [];
    const exclusions = lines(inputs.path)
      .filter((path) => path.startsWith('!'))
      .map((path) => resolve(workspace, path.slice(1)));
    for (const path of lines(inputs.path).filter((line) => !line.startsWith('!'))) {
      const absolute = resolve(workspace, path);
      if (globCharacters.test(path)) {
        const root = globRoot(absolute);
        if (!existsSync(root)) continue;
        const matches = filesUnder(root, includeHidden).filter((file) => matchesGlob(file, absolute));
        found.push(...matches);
        if (matches.length > 0) roots.push(root);
        continue;
      }
      if (!existsSync(absolute)) continue;
      if (statSync(absolute).isDirectory()) {
        found.push(...filesUnder(absolute, includeHidden));
        roots.push(absolute);
      } else {
        found.push(absolute);
        roots.push(dirname(absolute));
      }
    }
    const files = [...new Set(found)].filter(
      (file) => !exclusions.some((exclusion) => file === exclusion || matchesGlob(file, exclusion)),
    );
    if (files.length === 0) {
      const text = `No files were found with the provided path: ${lines(inputs.path).join(', ')}. No artifacts will be uploaded.`;
      const policy = inputs['if-no-files-found'] || 'warn';
      if (policy === 'error') throw new Error(text);
      if (policy === 'warn') log(`Warning: ${text}`);
      return undefined;
    }
    const target = join(artifactsDir, name);
    if (existsSync(target)) {
      if (inputs.overwrite !== 'true') {
        throw new Error(
          `Failed to CreateArtifact: Received non-retryable error: Conflict: an artifact with this name already exists on the workflow run (${name})`,
        );
      }
      rmSync(target, { recursive: true, force: true });
    }
    const root = commonAncestor(roots);
    for (const file of files) {
      const destination = join(target, relative(root, file));
      mkdirSync(dirname(destination), { recursive: true });
      cpSync(file, destination);
    }
    uploads += 1;
    log(`Uploaded ${files.length} file(s) as artifact '${name}'`);
    return {
      outputs: {
        'artifact-id': String(uploads),
        'artifact-url': `${github.server_url}/${github.repository}/actions/runs/${github.run_id}/artifacts/${uploads}`,
      },
    };
  };
}

/**
 * actions/download-artifact (v4/v5): the artifact `name` into `path` (default the workspace); without a name every
 * artifact of the run, each into `path/<name>`. With `run-id` naming another run, from that run's artifacts:
 * `otherRuns` maps run ids to their artifacts dirs (e.g. what a pr-checks run uploaded).
 */
export function downloadArtifactStandIn(otherRuns: Record<string, string> = {}): ActionStandIn {
  return ({ inputs, workspace, artifactsDir, github, log }) => {
    const runId = inputs['run-id'];
    const fromOtherRun = runId !== undefined && runId !== '' && runId !== String(github.run_id);
    const source = fromOtherRun ? otherRuns[runId] : artifactsDir;
    if (source === undefined) throw new Error(`Unable to download artifact(s): no artifacts of run ${runId}`);
    const target = inputs.path ? resolve(workspace, inputs.path) : workspace;
    const names = inputs.name ? [inputs.name] : existsSync(source) ? readdirSync(source) : [];
    for (const name of names) {
      const artifact = join(source, name);
      if (!existsSync(artifact)) {
        throw new Error(`Unable to download artifact(s): Artifact not found for name: ${name}`);
      }
      cpSync(artifact, inputs.name ? target : join(target, name), { recursive: true });
      log(`Downloaded artifact '${name}'${fromOtherRun ? ` of run ${runId}` : ''} into ${target}`);
    }
    return { outputs: { 'download-path': target } };
  };
}

export interface SarifUpload {
  category: string;
  /** Each file uploaded. */
  files: string[];
  /** Each file's parsed content. */
  sarif: unknown[];
}

/** github/codeql-action/upload-sarif: records each upload (a file, or every .sarif file of a directory) in `uploads`. */
export function uploadSarifStandIn(uploads: SarifUpload[]): ActionStandIn {
  return ({ inputs, workspace, log }) => {
    const path = resolve(workspace, inputs.sarif_file || '../results');
    if (!existsSync(path)) throw new Error(`Path does not exist: ${path}`);
    const files = statSync(path).isDirectory()
      ? filesUnder(path, false).filter((file) => file.endsWith('.sarif'))
      : [path];
    if (files.length === 0) throw new Error(`No SARIF files found to upload in "${path}".`);
    const upload: SarifUpload = {
      category: inputs.category ?? '',
      files,
      sarif: files.map((file) => JSON.parse(readFileSync(file, 'utf8'))),
    };
    uploads.push(upload);
    log(`Uploaded ${files.length} SARIF file(s)${upload.category ? ` in category ${upload.category}` : ''}`);
    return { outputs: { 'sarif-id': `sarif-${uploads.length}` } };
  };
}

/** actions/setup-node: the node on PATH is the one the steps get; reports its version. */
export function setupNodeStandIn(): ActionStandIn {
  return ({ log }) => {
    log(`Using the machine's node ${process.version}`);
    return { outputs: { 'node-version': process.version } };
  };
}

export interface GitHubActionStandInsOptions {
  /** What actions/checkout checks out. */
  checkout: string;
  /** Where upload-sarif records its uploads; default a fresh array nobody reads. */
  sarifUploads?: SarifUpload[];
  /** Artifacts of other runs by run id, for download-artifact's `run-id`. */
  otherRuns?: Record<string, string>;
}

/** The stand-ins for every third-party action shipgate's workflows use, keyed as runWorkflow's `actions` wants. */
export function githubActionStandIns(options: GitHubActionStandInsOptions): Record<string, ActionStandIn> {
  return {
    'actions/checkout': checkoutStandIn(options.checkout),
    'actions/upload-artifact': uploadArtifactStandIn(),
    'actions/download-artifact': downloadArtifactStandIn(options.otherRuns),
    'actions/setup-node': setupNodeStandIn(),
    'github/codeql-action/upload-sarif': uploadSarifStandIn(options.sarifUploads ?? []),
  };
}
