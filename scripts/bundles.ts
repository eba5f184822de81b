import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transform } from 'esbuild';

export const repoRoot = join(import.meta.dirname, '..');

export interface Bundle {
  /** What the bundle is, for messages: "action stack-guard", "cli". */
  label: string;
  entry: string;
  outDir: string;
}

/** Every bundle the repository commits: one per action, and the CLI. */
export function listBundles(): Bundle[] {
  const actionsDir = join(repoRoot, 'actions');
  const actions = readdirSync(actionsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(actionsDir, entry.name, 'src', 'main.ts')))
    .map((entry) => entry.name)
    .sort();
  return [
    ...actions.map((name) => ({
      label: `action ${name}`,
      entry: join(actionsDir, name, 'src', 'main.ts'),
      outDir: join(actionsDir, name, 'dist'),
    })),
    {
      label: 'cli',
      entry: join(repoRoot, 'packages', 'cli', 'src', 'main.ts'),
      outDir: join(repoRoot, 'packages', 'cli', 'dist'),
    },
  ].filter((bundle) => existsSync(bundle.entry));
}

const nccCli = join(repoRoot, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');

function ncc(bundle: Bundle, statsFile: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // -t: tsc type-checks the whole repository separately; ncc only transpiles (same output, a third faster).
    // No --license: ncc writes one licenses.txt per chunk under the same name, so the last chunk's wins and the
    // main chunk's packages (@actions/core, undici, zod) went missing. The stats list every module instead.
    const args = [nccCli, 'build', bundle.entry, '-o', bundle.outDir, '-t', '--stats-out', statsFile, '-q'];
    const child = spawn(process.execPath, args, { cwd: repoRoot, stdio: ['ignore', 'inherit', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`ncc failed for ${bundle.label} (exit ${code}):\n${stderr}`));
    });
  });
}

/**
 * ncc's `--minify` minifies index.js alone, not the chunks its dynamic imports split off (where most of a
 * bundle is). esbuild, pinned to one version, minifies each file the same way every time, so check-dist's
 * rebuild still matches what is committed; it keeps the ESM as it is (imports, import.meta).
 */
async function minify(bundle: Bundle): Promise<void> {
  const files = (await readdir(bundle.outDir)).filter((name) => name.endsWith('.js'));
  for (const name of files) {
    const path = join(bundle.outDir, name);
    const { code } = await transform(await readFile(path, 'utf8'), {
      format: 'esm',
      minify: true,
      target: 'node20',
      legalComments: 'none',
    });
    await writeFile(path, code);
  }
}

interface StatsModule {
  nameForCondition?: string;
  modules?: StatsModule[];
}

/** A package folder under node_modules for each module of the build, in every chunk; scoped names kept whole. */
function packageFolders(modules: StatsModule[], into = new Set<string>()): Set<string> {
  for (const module of modules) {
    const path = module.nameForCondition ?? '';
    const at = path.lastIndexOf('/node_modules/');
    if (at >= 0) {
      const [scope = '', name = ''] = path.slice(at + '/node_modules/'.length).split('/');
      into.add(
        path.slice(0, at + '/node_modules/'.length) + (scope.startsWith('@') ? `${scope}/${name}` : scope),
      );
    }
    if (module.modules) packageFolders(module.modules, into);
  }
  return into;
}

interface BundledPackage {
  name: string;
  version: string;
  license: string;
  text: string;
}

/**
 * Every package with code in the bundle, with its license file's text. A package that ships none (some publish
 * only a `license` field) is listed with that field and its author; one with neither fails the build.
 */
async function bundledPackages(statsFile: string): Promise<BundledPackage[]> {
  const stats = JSON.parse(await readFile(statsFile, 'utf8')) as { modules: StatsModule[] };
  const packages: BundledPackage[] = [];
  for (const folder of packageFolders(stats.modules)) {
    const manifest = JSON.parse(await readFile(join(folder, 'package.json'), 'utf8')) as {
      name: string;
      version: string;
      license?: string;
      author?: string | { name?: string };
    };
    const file = (await readdir(folder)).sort().find((name) => /^(licen[cs]e|copying)(\.|$)/i.test(name));
    if (!file && !manifest.license) {
      throw new Error(`${manifest.name} ${manifest.version} is bundled but says nothing of its license`);
    }
    const author = typeof manifest.author === 'string' ? manifest.author : manifest.author?.name;
    packages.push({
      name: manifest.name,
      version: manifest.version,
      license: manifest.license ?? 'see the license text',
      text: file
        ? (await readFile(join(folder, file), 'utf8')).replace(/\r\n/g, '\n').trim()
        : `The package ships no license file; its package.json says ${manifest.license}${author ? `, by ${author}` : ''}.`,
    });
  }
  return packages.sort((a, b) =>
    a.name === b.name ? a.version.localeCompare(b.version) : a.name < b.name ? -1 : 1,
  );
}

/** licenses.txt: one entry per package (name and version, its license, the license text), a blank line between. */
function renderLicenses(packages: BundledPackage[]): string {
  return packages
    .map((entry) => `${entry.name} ${entry.version}\n${entry.license}\n${entry.text}\n`)
    .join('\n');
}

/** ncc, then the minify pass, then licenses.txt: how every committed dist (and the bench's reference) is built. */
export async function buildBundle(bundle: Bundle): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'shipgate-build-'));
  try {
    const statsFile = join(work, 'stats.json');
    await ncc(bundle, statsFile);
    await minify(bundle);
    await writeFile(join(bundle.outDir, 'licenses.txt'), renderLicenses(await bundledPackages(statsFile)));
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
