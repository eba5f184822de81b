import { createHash } from 'node:crypto';
import type { SecretsRuleConfig } from '../config-schema';
import { isExampleFile, isLoopbackHost, isPlaceholder } from '../placeholders';
import type { RuleFinding, SourceFile } from '../types';
import { parseConnectionUrl } from './connection-url';
import { Locator } from './locate';
import { findProviderKeys, providerKeyDetectors } from './provider-keys';

export const secretsDefaultFiles = ['**/*'];

const rulePrefix = '@secretlint/secretlint-rule-';
const connectionStringRule = `${rulePrefix}database-connection-string`;

type LintSource = typeof import('@secretlint/core').lintSource;
type LintConfig = Parameters<LintSource>[0]['options']['config'];
interface Detector {
  lintSource: LintSource;
  config: LintConfig;
}

// secretlint and its rules are loaded on the first check, once per distinct `disable` list: most runs of the
// action never need them before the scan starts, and they are the heaviest part of the engine.
const detectors = new Map<string, Promise<Detector>>();

function loadDetector(disabled: readonly string[]): Promise<Detector> {
  const key = disabled.join('\n');
  let detector = detectors.get(key);
  if (!detector) {
    detector = (async () => {
      const [{ lintSource }, { rules }] = await Promise.all([
        import('@secretlint/core'),
        import('@secretlint/secretlint-rule-preset-recommend'),
      ]);
      const enabled = rules.filter((rule) => !disabled.includes(rule.meta.id));
      return { lintSource, config: { rules: enabled.map((rule) => ({ id: rule.meta.id, rule })) } };
    })();
    detectors.set(key, detector);
  }
  return detector;
}

/**
 * A secrets rule: secretlint's recommended rules on each file, and the stack's provider keys it does not know
 * (`provider-keys.ts`). Findings never carry the secret: the match is
 * `<detector>:sha256:<16 hex>`, and the message is masked. Placeholders (and, in example files, obvious
 * fillers) are not findings, nor are database URLs without a real password or on a loopback host.
 */
export function secretsChecker(config: SecretsRuleConfig): (file: SourceFile) => Promise<RuleFinding[]> {
  const disabled = (config.disable ?? []).map((id) => (id.startsWith('@') ? id : `${rulePrefix}${id}`));
  const providers = providerKeyDetectors.filter((detector) => !config.disable?.includes(detector.id));
  return async (file) => {
    const { lintSource, config: lintConfig } = await loadDetector(disabled);
    const result = await lintSource({
      // secretlint names its performance marks after the path, and a control character in a name (a file
      // called "a\nb" is legal on Linux) breaks them: it gets a printable stand-in, never read from disk.
      source: {
        content: file.content,
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the characters that break secretlint's marks.
        filePath: file.path.replace(/[\u0000-\u001f\u007f]/g, '?'),
        contentType: 'text',
        ext: extension(file.path),
      },
      options: { config: lintConfig, maskSecrets: true, noPhysicFilePath: true, locale: 'en' },
    });
    const keys = findProviderKeys(file.content, providers).filter(
      (key) => !result.messages.some(({ range: [start, end] }) => key.start < end && start < key.end),
    );
    if (result.messages.length === 0 && keys.length === 0) return [];
    const example = isExampleFile(file.path);
    const findings: RuleFinding[] = [];
    const locator = new Locator(file.content);
    for (const key of keys) {
      if (!isRealSecret(key.detector.id, key.secret, example)) continue;
      const start = locator.position(key.start);
      const last = locator.position(key.end - 1);
      findings.push({
        message: `possible secret: ${key.detector.label} (shipgate ${key.detector.id})`,
        line: start.line,
        column: start.column,
        ...(last.line === start.line ? {} : { endLine: last.line }),
        endColumn: last.column + 1,
        match: `${key.detector.id}:sha256:${createHash('sha256').update(key.secret).digest('hex').slice(0, 16)}`,
      });
    }
    for (const message of result.messages) {
      const [start, end] = message.range;
      const secret = file.content.slice(start, end);
      if (!isRealSecret(message.ruleId, secret, example)) continue;
      const detector = message.ruleId.startsWith(rulePrefix)
        ? message.ruleId.slice(rulePrefix.length)
        : message.ruleId;
      findings.push({
        message: `possible secret: ${describe(redact(message.message, secret))} (secretlint ${detector})`,
        line: message.loc.start.line,
        column: message.loc.start.column + 1,
        ...(message.loc.end.line === message.loc.start.line ? {} : { endLine: message.loc.end.line }),
        endColumn: message.loc.end.column + 1,
        match: `${detector}:sha256:${createHash('sha256').update(secret).digest('hex').slice(0, 16)}`,
      });
    }
    return findings;
  };
}

function isRealSecret(ruleId: string, secret: string, example: boolean): boolean {
  if (ruleId === connectionStringRule) {
    const url = parseConnectionUrl(secret.replace(/["'`;,)]+$/, ''));
    if (url && (url.password === undefined || isPlaceholder(url.password) || isLoopbackHost(url.host)))
      return false;
  }
  const value = assignedValue(secret);
  if (isPlaceholder(secret) || isPlaceholder(value)) return false;
  return !(example && looksLikeFiller(value));
}

/** The value part of `KEY=value` or `key: value` matches; the whole text otherwise. */
function assignedValue(secret: string): string {
  const assignment = /^[A-Za-z_][A-Za-z0-9_.-]*["']?\s*[:=]\s*["']?(.*?)["']?$/s.exec(secret);
  return assignment?.[1] ?? secret;
}

function looksLikeFiller(value: string): boolean {
  return /x{5,}|\*{4,}|0{8,}|(.)\1{7,}|example|sample|your|placeholder|dummy|fake|changeme|replace/i.test(
    value,
  );
}

/** Removes the secret (and anything secretlint quoted of it) from a message. */
function redact(message: string, secret: string): string {
  let text = message.replace(/\s*\r?\n\s*/g, ' ');
  for (const part of [secret, secret.trim(), assignedValue(secret)]) {
    if (part.length >= 4) text = text.split(part).join('***');
  }
  return text;
}

function extension(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot) : '';
}

/** secretlint's masked message ("found GitHub Token(****): ****") without its rows of asterisks. */
function describe(masked: string): string {
  return masked
    .replace(/\(\*+\)/g, '')
    .replace(/:\s*\*+/g, '')
    .replace(/\*{3,}/g, '[redacted]')
    .trim();
}
