// Thresholds from where teams keep them: a YAML file, an inline input, and the assertions of a lighthouserc.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
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
  root: string;
  /** A path relative to root. */
  file?: string;
  /** YAML text from the `thresholds` input. */
  inline?: string;
  /** A lighthouserc (.json, .yml or .yaml) whose `ci.assert` assertions apply too. */
  lighthouserc?: string;
  required?: EvidenceKind[];
  maxAge?: string;
}

export async function loadThresholds(
  options: LoadThresholdsOptions,
): Promise<{ thresholds: Thresholds; warnings: string[] }> {
  const warnings: string[] = [];
  const sources: string[] = [];
  if (options.file && options.inline) {
    throw new Error(
      "Inputs 'thresholds' and 'thresholds-file' are both set; give the thresholds inline or as a file, not both",
    );
  }
  let config: ThresholdsConfig = {};
  if (options.file) {
    const text = await readText(options.root, options.file, 'thresholds-file');
    config = parseConfig(text, options.file, thresholdsSchema);
    sources.push(options.file);
  } else if (options.inline) {
    config = parseConfig(options.inline, "Input 'thresholds'", thresholdsSchema);
    sources.push("Input 'thresholds'");
  }
  let lhci: LhciAssertSection | undefined;
  if (options.lighthouserc) {
    if (/\.c?js$/.test(options.lighthouserc)) {
      throw new Error(
        `Input 'lighthouserc': ${options.lighthouserc} is JavaScript, which shipgate does not run; use a .lighthouserc.json or .yml`,
      );
    }
    const text = await readText(options.root, options.lighthouserc, 'lighthouserc');
    const rc = parseConfig(text, options.lighthouserc, lighthousercSchema);
    lhci = rc.ci?.assert;
    if (!lhci)
      warnings.push(`${options.lighthouserc} has no ci.assert section: no Lighthouse CI assertions to apply`);
    if (lhci?.preset) {
      warnings.push(
        `${options.lighthouserc}: preset '${lhci.preset}' is not applied — shipgate checks the assertions written out, not LHCI's presets`,
      );
    }
    if (lhci?.budgetsFile) warnings.push(`${options.lighthouserc}: budgetsFile is not applied`);
    sources.push(options.lighthouserc);
  }
  const thresholds = resolveThresholds({
    config,
    ...(lhci ? { lhci } : {}),
    ...(options.required && options.required.length > 0 ? { required: options.required } : {}),
    ...(options.maxAge ? { maxAge: options.maxAge } : {}),
    sources: sources.length > 0 ? sources : ['defaults'],
  });
  return { thresholds, warnings };
}

async function readText(root: string, path: string, inputName: string): Promise<string> {
  try {
    return await readFile(resolve(root, path), 'utf8');
  } catch (thrown) {
    const code = (thrown as NodeJS.ErrnoException).code;
    throw new Error(
      `Input '${inputName}': cannot read ${path}${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}`,
    );
  }
}
