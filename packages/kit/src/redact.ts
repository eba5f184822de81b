// The last guard before anything leaves an action: every text it emits (log lines, annotations, outputs, the
// step summary, the files it leaves) has every secret it knows removed, in each encoding a secret travels in,
// and the userinfo of anything URL-like.

/** Values shorter than this are not searched for: "1" or "true" would blank out ordinary words. */
const shortestRedacted = 4;

/** A secret inside a longer base64 text is found only from this many characters: shorter runs are chance. */
const shortestEmbedded = 8;

const replacement = '***';

/**
 * The forms a secret can take in text: raw, JSON-escaped, URL-encoded (as a path and as a form), base64 and
 * base64url with and without padding, and the part of a longer base64 text that only the secret's bytes
 * determine, at each of the three alignments (a header such as `Bearer <token>` encoded whole).
 */
export function secretForms(value: string): string[] {
  if (value.length < shortestRedacted) return [];
  const bytes = Buffer.from(value);
  const base64 = bytes.toString('base64');
  const uriEncoded = encodeURIComponent(value);
  const forms = new Set([value, JSON.stringify(value).slice(1, -1), uriEncoded, base64]);
  if (formEncodingDiffers.test(value)) forms.add(formEncoded(uriEncoded));
  forms.add(toBase64Url(base64.replace(/=+$/, '')));
  for (let offset = 0; offset < 3; offset += 1) {
    const embedded = embeddedBase64(bytes, offset, base64);
    if (embedded.length >= shortestEmbedded) forms.add(embedded).add(toBase64Url(embedded));
  }
  const kept: string[] = [];
  for (const form of forms) if (form.length >= shortestRedacted) kept.push(form);
  return kept;
}

/** Characters application/x-www-form-urlencoded writes otherwise than encodeURIComponent. */
const formEncodingDiffers = /[ !'()~]/;

/** application/x-www-form-urlencoded, from encodeURIComponent's output: `+` for spaces, `!'()~` escaped too. */
function formEncoded(uriEncoded: string): string {
  return uriEncoded
    .replaceAll('%20', '+')
    .replace(/[!'()~]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The base64 characters that depend only on `bytes` when `offset` (0–2, modulo 3) other bytes come first
 * and any bytes may follow: those before hold bits of the bytes before, the last may hold bits of what follows.
 */
function embeddedBase64(bytes: Buffer, offset: number, alone: string): string {
  const end = Math.floor(((offset + bytes.length) * 8) / 6);
  if (offset === 0) return alone.slice(0, end);
  const shifted = Buffer.alloc(offset + bytes.length);
  bytes.copy(shifted, offset);
  return shifted.toString('base64').slice(Math.ceil((offset * 8) / 6), end);
}

function toBase64Url(base64: string): string {
  return base64.replaceAll('+', '-').replaceAll('/', '_');
}

/**
 * The values a secret stands for besides itself: a token given with its scheme word (`Bearer x`, `FlyV1 x`,
 * `token x`) travels without it too, a comma-joined list of tokens (Fly's macaroons) part by part, and a
 * multi-line secret (a PEM key) line by line, as the runner masks it.
 */
export function secretParts(value: string): string[] {
  const parts = new Set<string>();
  if (/[\r\n]/.test(value)) {
    for (const line of value.split(/\r?\n|\r/)) {
      const piece = line.trim();
      if (piece.length >= shortestEmbedded) parts.add(piece);
    }
  }
  const trimmed = value.trim();
  if (trimmed !== value) parts.add(trimmed);
  const bare = trimmed.replace(/^(?:bearer|basic|token|flyv1)\s+/i, '');
  if (bare !== trimmed) parts.add(bare);
  if (bare.includes(',')) {
    for (const part of bare.split(',')) {
      const piece = part.trim();
      if (piece.length >= shortestEmbedded) parts.add(piece);
    }
  }
  parts.delete(value);
  return [...parts];
}

// A scheme, `//`, then userinfo up to the last `@` before the host: a password may hold a raw `@` though it
// should not. It may not cross a space, a quote, an angle bracket or a path, so it stays within one URL.
const urlUserinfo = /\b([a-z][a-z0-9+.-]*:\/\/)([^\s/?#"'<>`\\]+)@/gi;

/** `scheme://user:password@host` and `scheme://token@host` become `scheme://***@host`, wherever they appear. */
export function redactUrlCredentials(text: string): string {
  return text.includes('@') ? text.replace(urlUserinfo, `$1${replacement}@`) : text;
}

/** True when a URL names a user or a password (`https://user:password@host`). */
export function hasUrlCredentials(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.username !== '' || parsed.password !== '';
  } catch {
    return /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*@/i.test(url);
  }
}

/**
 * Knows every secret of a run in every form and removes them from text. Forms are kept by their first
 * characters, so a text is read once whatever the number of secrets (a vault holds thousands).
 */
export class Redactor {
  readonly #byPrefix = new Map<string, string[]>();
  readonly #known = new Set<string>();
  readonly #unsorted = new Set<string[]>();

  /** Adds a secret and what it stands for (see `secretParts`); returns the forms that are new. */
  add(value: string): string[] {
    const added: string[] = [];
    for (const secret of [value, ...secretParts(value)]) {
      if (secret.length < shortestRedacted) continue;
      for (const form of secretForms(secret)) {
        if (this.#known.has(form)) continue;
        this.#known.add(form);
        added.push(form);
        const prefix = form.slice(0, shortestRedacted);
        let forms = this.#byPrefix.get(prefix);
        if (!forms) {
          forms = [];
          this.#byPrefix.set(prefix, forms);
        }
        forms.push(form);
        this.#unsorted.add(forms);
      }
    }
    return added;
  }

  /** How many forms are known. */
  get size(): number {
    return this.#known.size;
  }

  /** The text with every known form of every secret, and every URL's userinfo, replaced by `***`. */
  redact(text: string): string {
    return redactUrlCredentials(this.#redactSecrets(text));
  }

  #redactSecrets(text: string): string {
    if (this.#known.size === 0 || text.length < shortestRedacted) return text;
    // Longest first within a prefix, so a secret containing another is removed whole; sorted when read.
    for (const forms of this.#unsorted) forms.sort((a, b) => b.length - a.length);
    this.#unsorted.clear();
    let out = '';
    let copiedUpTo = 0;
    let position = 0;
    const last = text.length - shortestRedacted;
    while (position <= last) {
      const forms = this.#byPrefix.get(text.slice(position, position + shortestRedacted));
      const form = forms?.find((candidate) => text.startsWith(candidate, position));
      if (form === undefined) {
        position += 1;
        continue;
      }
      out += text.slice(copiedUpTo, position) + replacement;
      position += form.length;
      copiedUpTo = position;
    }
    return copiedUpTo === 0 ? text : out + text.slice(copiedUpTo);
  }
}
