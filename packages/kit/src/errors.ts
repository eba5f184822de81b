/** An input that is missing or malformed; its message already names the input. */
export class InputError extends Error {
  constructor(
    readonly input: string,
    message: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/** Turns anything thrown into one line: no stack, no newlines, never "[object Object]". */
export function errorMessage(thrown: unknown): string {
  let text: string;
  if (thrown instanceof Error) {
    text = thrown.message || thrown.name;
    const cause = (thrown as { cause?: unknown }).cause;
    if (cause !== undefined && cause !== null) {
      const causeText = errorMessage(cause);
      if (causeText && !text.includes(causeText)) text = `${text}: ${causeText}`;
    }
  } else if (typeof thrown === 'string') {
    text = thrown;
  } else {
    try {
      text = JSON.stringify(thrown) ?? String(thrown);
    } catch {
      text = String(thrown);
    }
  }
  return text.replace(/\s*\r?\n\s*/g, ' ').trim() || 'unknown error';
}
