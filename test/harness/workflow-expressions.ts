import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, matchesGlob, relative } from 'node:path';
import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import type { FunctionDefinition, FunctionInfo } from '@actions/expressions/funcs/info';
import { TokenType as ExpressionTokenType, type Token } from '@actions/expressions/lexer';
import { truthy } from '@actions/expressions/result';
import { splitAllowedContext } from '@actions/workflow-parser/templates/allowed-context';
import type { BasicExpressionToken } from '@actions/workflow-parser/templates/tokens/basic-expression-token';
import { TemplateToken } from '@actions/workflow-parser/templates/tokens/template-token';
import {
  isBasicExpression,
  isBoolean,
  isMapping,
  isNumber,
  isSequence,
  isString,
} from '@actions/workflow-parser/templates/tokens/type-guards';
import { TokenType } from '@actions/workflow-parser/templates/tokens/types';
import { LineCounter, parseDocument, visit } from 'yaml';

// Evaluates the tokens of a parsed workflow with GitHub's own expression engine (@actions/expressions): the
// parser has already turned `a ${{ x }} b` into `format('a {0} b', x)` and wrapped each `if` in
// `success() && (…)` when it names no status function; what is left is evaluating, with the contexts and the
// functions the runner provides (the status functions and hashFiles are not in the package).

/** Plain JSON, what the contexts hold and what evaluation returns. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The contexts by name (`github`, `inputs`, `needs`, `steps`, …), as plain JSON. */
export type Contexts = Record<string, JsonValue>;

/** What the status functions answer where the expression is evaluated (a job's `if`, or a step's). */
export interface StatusFunctions {
  success(): boolean;
  failure(): boolean;
  cancelled(): boolean;
}

export interface EvaluationScope {
  contexts: Contexts;
  /** Absent where status functions are not allowed (the parser then rejects them anyway). */
  status?: StatusFunctions;
  /** The directory hashFiles() reads: the job's workspace. */
  workspace?: string;
}

const contextNames = [
  'github',
  'inputs',
  'vars',
  'secrets',
  'needs',
  'strategy',
  'matrix',
  'steps',
  'job',
  'jobs',
  'runner',
  'env',
];

/** Every function the runner adds to the package's built-in ones, for tokens the parser made without a schema. */
const runnerFunctions: FunctionInfo[] = [
  { name: 'success', minArgs: 0, maxArgs: 0 },
  { name: 'failure', minArgs: 0, maxArgs: 0 },
  { name: 'cancelled', minArgs: 0, maxArgs: 0 },
  { name: 'always', minArgs: 0, maxArgs: 0 },
  { name: 'hashFiles', minArgs: 1, maxArgs: 255 },
];

/** Plain JSON to the package's data model. */
export function toExpressionData(value: JsonValue | undefined): data.ExpressionData {
  if (value === undefined) return new data.Null();
  return JSON.parse(JSON.stringify(value), data.reviver) as data.ExpressionData;
}

/** The package's data model to plain JSON. */
export function fromExpressionData(value: data.ExpressionData): JsonValue {
  return JSON.parse(JSON.stringify(value, data.replacer)) as JsonValue;
}

function functionsFor(scope: EvaluationScope): Map<string, FunctionDefinition> {
  const status = (name: keyof StatusFunctions): FunctionDefinition => ({
    name,
    minArgs: 0,
    maxArgs: 0,
    call: (...args) => {
      // A job's `if` may name jobs (`failure(0,MAX)` in the schema); what that means is not documented.
      if (args.length > 0) throw new Error(`${name}() with arguments is not supported by the local runner`);
      if (!scope.status) throw new Error(`${name}() is not available here`);
      return new data.BooleanData(scope.status[name]());
    },
  });
  return new Map<string, FunctionDefinition>([
    ['success', status('success')],
    ['failure', status('failure')],
    ['cancelled', status('cancelled')],
    ['always', { name: 'always', minArgs: 0, maxArgs: 0, call: () => new data.BooleanData(true) }],
    [
      'hashfiles',
      {
        name: 'hashFiles',
        minArgs: 1,
        maxArgs: 255,
        call: (...patterns) => new data.StringData(hashFiles(scope.workspace, patterns)),
      },
    ],
  ]);
}

/**
 * The runner's hashFiles: the SHA-256 of the SHA-256 digests of every file under the workspace that matches a
 * pattern (and no `!pattern`), or '' when none does.
 */
function hashFiles(workspace: string | undefined, patterns: data.ExpressionData[]): string {
  if (!workspace) throw new Error('hashFiles() needs a workspace');
  const globs = patterns.map((pattern) => pattern.coerceString());
  const include = globs.filter((glob) => !glob.startsWith('!'));
  const exclude = globs.filter((glob) => glob.startsWith('!')).map((glob) => glob.slice(1));
  const files = readdirSync(workspace, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(workspace, join(entry.parentPath, entry.name)))
    .filter((path) => include.some((glob) => matchesGlob(path, glob)))
    .filter((path) => !exclude.some((glob) => matchesGlob(path, glob)))
    .sort();
  if (files.length === 0) return '';
  const all = createHash('sha256');
  for (const file of files)
    all.update(
      createHash('sha256')
        .update(readFileSync(join(workspace, file)))
        .digest(),
    );
  return all.digest('hex');
}

/**
 * The package's lexer, with string literals unescaped as GitHub does. 0.3.61 turns only the first `''` of a
 * literal into `'` (`value.replace("''", "'")`), and the workflow parser escapes every quote of a `run:` script
 * into the format() string it builds, so a script with two quotes and an expression would run mangled.
 */
function lex(expression: string): Token[] {
  return new Lexer(expression)
    .lex()
    .tokens.map((token) =>
      token.type === ExpressionTokenType.STRING
        ? { ...token, value: token.lexeme.slice(1, -1).replaceAll("''", "'") }
        : token,
    );
}

/** Parses one expression as the schema allows it at the token's place (contexts and functions), and evaluates it. */
export function evaluateExpression(
  expression: string,
  scope: EvaluationScope,
  allowedContext?: string[],
): data.ExpressionData {
  const { namedContexts, functions } = allowedContext
    ? splitAllowedContext(allowedContext)
    : { namedContexts: contextNames, functions: runnerFunctions };
  const tree = new Parser(lex(expression), namedContexts, functions).parse();
  const contexts = new data.Dictionary();
  for (const name of contextNames) contexts.add(name, toExpressionData(scope.contexts[name] ?? null));
  return new Evaluator(tree, contexts, functionsFor(scope)).evaluate();
}

/** Expressions rebuilt from a block scalar's YAML value, by the token the parser made from its source text. */
const blockScalarExpressions = new WeakMap<TemplateToken, string>();

/** `format('…', …)` for a string with `${{ }}` in it, built as the workflow parser builds it. */
function formatExpression(value: string): string {
  const literal = (text: string) => text.replace(/'/g, "''").replace(/\{/g, '{{').replace(/\}/g, '}}');
  let format = '';
  const args: string[] = [];
  let index = 0;
  for (let start = value.indexOf('${{'); start >= 0; start = value.indexOf('${{', index)) {
    let inString = false;
    let end = -1;
    for (let i = start + 3; i < value.length; i++) {
      if (value[i] === "'") inString = !inString;
      else if (!inString && value[i] === '}' && value[i - 1] === '}') {
        end = i;
        break;
      }
    }
    if (end < 0) break;
    format += `${literal(value.slice(index, start))}{${args.length}}`;
    args.push(value.slice(start + 3, end - 1).trim());
    index = end + 1;
  }
  format += literal(value.slice(index));
  return format === '{0}' && args.length === 1 ? (args[0] ?? '') : `format('${format}', ${args.join(', ')})`;
}

/**
 * For a block scalar (`run: |`, `>-`) holding an expression, @actions/workflow-parser 0.3.61 builds the format()
 * string from the scalar's source text (template-reader.js parseScalar: "use token.source directly because it
 * makes position calculation easier"): the block's indentation stays in, `>` does not fold, chomping is
 * ignored, so an indented heredoc terminator or a folded command would run differently from GitHub, which uses
 * the YAML value. This rebuilds those expressions from the value; evaluation then prefers them.
 */
export function correctBlockScalarExpressions(root: TemplateToken, text: string): void {
  const lines = new LineCounter();
  const values = new Map<string, string>();
  visit(parseDocument(text, { lineCounter: lines }), {
    Scalar(_key, node) {
      if ((node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') && node.range) {
        const at = lines.linePos(node.range[0]);
        values.set(`${at.line}:${at.col}`, String(node.value));
      }
    },
  });
  for (const [, token] of TemplateToken.traverse(root)) {
    if (!isBasicExpression(token) || token.blockScalarHeader === undefined || !token.range) continue;
    const value = values.get(`${token.range.start.line}:${token.range.start.column}`);
    if (value !== undefined) blockScalarExpressions.set(token, formatExpression(value));
  }
}

function evaluateBasic(token: BasicExpressionToken, scope: EvaluationScope): data.ExpressionData {
  try {
    const expression = blockScalarExpressions.get(token) ?? token.expression;
    return evaluateExpression(expression, scope, token.definitionInfo?.allowedContext);
  } catch (thrown) {
    const where = token.range ? ` (line ${token.range.start.line})` : '';
    throw new Error(
      `cannot evaluate \${{ ${token.expression} }}${where}: ${thrown instanceof Error ? thrown.message : String(thrown)}`,
    );
  }
}

/** Evaluates a whole token (a scalar, a mapping, a sequence) to plain JSON. */
export function evaluateToken(token: TemplateToken, scope: EvaluationScope): JsonValue {
  if (isBasicExpression(token)) return fromExpressionData(evaluateBasic(token, scope));
  if (isString(token)) return token.value;
  if (isBoolean(token)) return token.value;
  if (isNumber(token)) return token.value;
  if (token.templateTokenType === TokenType.Null) return null;
  if (isSequence(token)) return [...token].map((item) => evaluateToken(item, scope));
  if (isMapping(token)) {
    const out: { [key: string]: JsonValue } = {};
    for (const { key, value } of token) out[String(evaluateToken(key, scope))] = evaluateToken(value, scope);
    return out;
  }
  throw new Error(`${token.typeName()} (\${{ insert }}) is not supported by the local runner`);
}

/** Evaluates a scalar token to the string the runner would pass on (`true`, `3`, '' for null). */
export function evaluateString(token: TemplateToken, scope: EvaluationScope): string {
  if (isBasicExpression(token)) {
    const value = evaluateBasic(token, scope);
    if (!value.primitive) {
      throw new Error(
        `\${{ ${token.expression} }} is an ${data.Kind[value.kind]}, where a string is expected`,
      );
    }
    return value.coerceString();
  }
  const value = evaluateToken(token, scope);
  if (value !== null && typeof value === 'object')
    throw new Error('a mapping or sequence where a string is expected');
  return value === null ? '' : String(value);
}

/** Evaluates a condition (`if`, `continue-on-error`) to its truth. */
export function evaluateCondition(token: TemplateToken, scope: EvaluationScope): boolean {
  if (isBasicExpression(token)) return truthy(evaluateBasic(token, scope));
  return truthy(toExpressionData(evaluateToken(token, scope)));
}

/** Evaluates each value of a mapping token (`env`, `with`, `outputs`) to a string. */
export function evaluateStringMap(
  token: TemplateToken | undefined,
  scope: EvaluationScope,
): Record<string, string> {
  const out: Record<string, string> = {};
  if (!token) return out;
  if (!isMapping(token)) throw new Error(`expected a mapping, got ${token.typeName()}`);
  for (const { key, value } of token) out[evaluateString(key, scope)] = evaluateString(value, scope);
  return out;
}
