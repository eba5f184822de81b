// Thresholds from where teams keep them: a YAML file, an inline input, and the assertions of a lighthouserc.
import { readFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { parseConfig } from '@shipgate/kit/config';
import {
  type LhciAssertSection,
  lighthousercSchema,
  resolveThresholds,
  type Thresholds,
  type ThresholdsConfig,
  thresholdsSchema,
} from './thresholds';
import type { EvidenceKind } from './types';

export interface LoadThresholdsOptions {
  /** The folder names are shown relative to. */
  root: string;
  /** A thresholds YAML file, absolute or relative to root. */
  file?: string;
  /** Thresholds YAML given as text, and what to call it in messages and in the sources. */
  inline?: { text: string; source: string };
  /** A lighthouserc (.json, .yml or .yaml), absolute or relative to root, whose `ci.assert` assertions apply too. */
  lighthouserc?: string;
  required?: EvidenceKind[];
  /** The age limit, over the document's `max-age`; Infinity for none. */
  maxAgeMs?: number;
  /**
   * Where the caller got each path (`input 'thresholds-file'`): a file of another form is then named with it,
   * `/etc/passwd (input 'thresholds-file'):1:1: …`.
   */
  givenAs?: { file?: string; lighthouserc?: string };
}

export async function loadThresholds(
  options: LoadThresholdsOptions,
): Promise<{ thresholds: Thresholds; warnings: string[] }> {
  const warnings: string[] = [];
  const sources: string[] = [];
  if (options.file && options.inline) {
    throw new Error('thresholds given both as a file and as text; give one');
  }
  let config: ThresholdsConfig = {};
  if (options.file) {
    const name = shownName(options.root, options.file);
    const label = options.givenAs?.file ? `${name} (${options.givenAs.file})` : name;
    config = parseConfig(await readText(options.root, options.file), label, thresholdsSchema);
    sources.push(name);
  } else if (options.inline) {
    config = parseConfig(options.inline.text, options.inline.source, thresholdsSchema);
    sources.push(options.inline.source);
  }
  let lhci: LhciAssertSection | undefined;
  if (options.lighthouserc) {
    const name = shownName(options.root, options.lighthouserc);
    if (isJavaScriptConfig(name)) {
      throw new Error(`${name} is JavaScript, which shipgate does not run; use a .lighthouserc.json or .yml`);
    }
    const label = options.givenAs?.lighthouserc ? `${name} (${options.givenAs.lighthouserc})` : name;
    const rc = parseConfig(await readText(options.root, options.lighthouserc), label, lighthousercSchema);
    lhci = rc.ci?.assert;
    if (!lhci) warnings.push(`${name} has no ci.assert section: no Lighthouse CI assertions to apply`);
    if (lhci?.preset) {
      warnings.push(
        `${name}: preset '${lhci.preset}' is not applied — shipgate checks the assertions written out, not LHCI's presets`,
      );
    }
    if (lhci?.budgetsFile) warnings.push(`${name}: budgetsFile is not applied`);
    sources.push(name);
  }
  const thresholds = resolveThresholds({
    config,
    ...(lhci ? { lhci } : {}),
    ...(options.required && options.required.length > 0 ? { required: options.required } : {}),
    ...(options.maxAgeMs !== undefined ? { maxAgeMs: options.maxAgeMs } : {}),
    sources: sources.length > 0 ? sources : ['defaults'],
  });
  return { thresholds, warnings };
}

/** A lighthouserc shipgate cannot read: JavaScript, which it does not run. */
function isJavaScriptConfig(path: string): boolean {
  return /\.[cm]?js$/.test(path);
}

/** A file as the summary shows it: relative to root when inside it. */
function shownName(root: string, path: string): string {
  const inside = relative(root, resolve(root, path));
  return inside && !inside.startsWith('..') && !isAbsolute(inside) ? inside : resolve(root, path);
}

async function readText(root: string, path: string): Promise<string> {
  try {
    return await readFile(resolve(root, path), 'utf8');
  } catch (thrown) {
    const code = (thrown as NodeJS.ErrnoException).code;
    throw new Error(
      `cannot read ${shownName(root, path)}${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}`,
    );
  }
}
