// The last guard: any text that reaches the report or a log (mostly error messages from the APIs) has every
// loaded value removed, in the encodings a value travels in.

/** Values shorter than this are not searched for: "1" or "true" would blank out ordinary words. */
const shortestRedacted = 4;

/** The forms a value can take in text: raw, JSON-escaped, URL-encoded, base64 and base64url. */
export function valueForms(value: string): string[] {
  const forms = new Set([
    value,
    JSON.stringify(value).slice(1, -1),
    encodeURIComponent(value),
    Buffer.from(value).toString('base64'),
    Buffer.from(value).toString('base64').replace(/=+$/, ''),
    Buffer.from(value).toString('base64url'),
  ]);
  return [...forms].filter((form) => form.length >= shortestRedacted);
}

export class Redactor {
  private readonly forms: string[] = [];

  add(value: string): void {
    if (value.length < shortestRedacted) return;
    this.forms.push(...valueForms(value));
    // Longest first, so a value containing another is removed whole.
    this.forms.sort((a, b) => b.length - a.length);
  }

  redact(text: string): string {
    let result = text;
    for (const form of this.forms) if (result.includes(form)) result = result.split(form).join('***');
    return result;
  }
}
