/** The values the runner's expression subset can reach while applying action.yml defaults. */
export interface ExpressionContext {
  'github.token': string;
  'github.workspace': string;
  'runner.temp': string;
  'github.sha': string;
  'github.repository': string;
  'github.server_url': string;
  'github.api_url': string;
  'github.event_name': string;
  'github.ref': string;
}

const expressionPattern = /\$\{\{(.*?)\}\}/gs;

/**
 * Evaluates every `${{ … }}` in a default the way the runner would, for the small subset of plain
 * context references shipgate's actions use; anything else is an error that names the expression.
 */
export function evaluateExpressions(text: string, context: ExpressionContext): string {
  return text.replace(expressionPattern, (whole, inner: string) => {
    const key = inner.trim().toLowerCase();
    if (Object.hasOwn(context, key)) return context[key as keyof ExpressionContext];
    throw new Error(
      `unsupported expression ${whole.trim()}: the local runner evaluates only ${Object.keys(context)
        .map((name) => `\${{ ${name} }}`)
        .join(', ')}`,
    );
  });
}
