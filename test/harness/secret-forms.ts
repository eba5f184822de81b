// The leak test's own idea of every form a secret can take in emitted text, written apart from the kit's
// redactor so the test checks it rather than repeats it.

/** A string a leaked secret could appear as, and what to call it in a report. */
export interface SecretForm {
  form: string;
  text: string;
}

/** Forms shorter than this match by chance more often than by leak. */
export const shortestForm = 8;

const schemeWord = /^(?:bearer|flyv1|token|basic)\s+/i;

/**
 * Every form of `secret`: raw, JSON-escaped, URL-encoded (encodeURIComponent and form-encoded), base64
 * (padded, unpadded, url-safe), the characters of a longer base64 string that only the secret's bytes
 * decide (at each of the three byte alignments), and the same for the token without its scheme word and for
 * each line of a multi-line secret (the runner masks those one by one). Distinct texts only, none shorter
 * than `shortestForm`.
 */
export function secretForms(secret: string): SecretForm[] {
  const forms = valueForms('', secret);
  const bare = secret.replace(schemeWord, '');
  if (bare !== secret) forms.push(...valueForms('bare token ', bare));
  const lines = secret.split(/\r?\n/).map((line) => line.trim());
  if (lines.length > 1) {
    lines.forEach((line, index) => {
      if (line.length >= shortestForm) forms.push(...valueForms(`line ${index + 1} `, line));
    });
  }
  const seen = new Set<string>();
  return forms.filter(({ text }) => {
    if (text.length < shortestForm || seen.has(text)) return false;
    seen.add(text);
    return true;
  });
}

function valueForms(prefix: string, value: string): SecretForm[] {
  const bytes = Buffer.from(value, 'utf8');
  const base64 = bytes.toString('base64');
  const forms: SecretForm[] = [
    { form: 'raw', text: value },
    { form: 'JSON-escaped', text: JSON.stringify(value).slice(1, -1) },
    { form: 'URL-encoded', text: encodeURIComponent(value) },
    { form: 'form-encoded', text: new URLSearchParams({ v: value }).toString().slice('v='.length) },
    { form: 'base64', text: base64 },
    { form: 'base64 without padding', text: base64.replace(/=+$/, '') },
    { form: 'base64url', text: bytes.toString('base64url') },
  ];
  for (const offset of [0, 1, 2]) {
    const inner = embeddedBase64(bytes, offset);
    forms.push({ form: `base64 inside a longer string at offset ${offset}`, text: inner });
    forms.push({ form: `base64url inside a longer string at offset ${offset}`, text: toBase64url(inner) });
  }
  return forms.map(({ form, text }) => ({ form: `${prefix}${form}`, text }));
}

/**
 * The base64 characters fully decided by `bytes` when they start `offset` bytes into a longer string:
 * character i covers bits 6i..6i+5, so only those wholly inside the secret's bits are the same whatever
 * surrounds it.
 */
export function embeddedBase64(bytes: Buffer, offset: number): string {
  const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
  const first = Math.ceil((offset * 8) / 6);
  const end = Math.floor(((offset + bytes.length) * 8) / 6);
  return padded.toString('base64').slice(first, end);
}

function toBase64url(base64: string): string {
  return base64.replace(/\+/g, '-').replace(/\//g, '_');
}

/** A secret found in emitted text: what, as which form, where, and its line with the form cut out. */
export interface SecretHit {
  secret: string;
  form: string;
  where: string;
  line: string;
}

/**
 * Every form of every named secret found in each named text. A hit inside a longer hit of the same secret
 * at the same place (the bare token inside the raw one) is not repeated.
 */
export function findSecrets(texts: Record<string, string>, secrets: Record<string, string>): SecretHit[] {
  const hits: SecretHit[] = [];
  for (const [where, text] of Object.entries(texts)) {
    for (const [name, secret] of Object.entries(secrets)) {
      const found = secretForms(secret).filter(({ text: form }) => text.includes(form));
      for (const hit of found) {
        if (found.some((other) => other !== hit && other.text.includes(hit.text))) continue;
        hits.push({ secret: name, form: hit.form, where, line: lineAround(text, hit.text) });
      }
    }
  }
  return hits;
}

/** The line holding the first occurrence, with every occurrence replaced by <SECRET>, cut to 200 chars. */
function lineAround(text: string, form: string): string {
  const at = text.indexOf(form);
  const start = text.lastIndexOf('\n', at) + 1;
  const newline = text.indexOf('\n', at + form.length);
  const line = text
    .slice(start, newline < 0 ? text.length : newline)
    .split(form)
    .join('<SECRET>');
  if (line.length <= 200) return line;
  const marker = line.indexOf('<SECRET>');
  const from = Math.max(0, marker - 90);
  return `${from > 0 ? '…' : ''}${line.slice(from, from + 200)}…`;
}

/** "<action>: <secret> as <form> in <where>: <line>", one per hit. */
export function describeHits(action: string, hits: SecretHit[]): string[] {
  return hits.map((hit) => `${action}: ${hit.secret} as ${hit.form} in ${hit.where}: ${hit.line}`);
}
