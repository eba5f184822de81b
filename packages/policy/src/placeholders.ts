// Values that stand for a secret without being one: what example env files, docs and templates hold.
const placeholderPatterns: RegExp[] = [
  /^<[^<>]*>$/, // <password>
  /^\[[^[\]]*\]$/, // [YOUR-PASSWORD]
  /^\$\{[^}]*\}$/, // ${DB_PASSWORD}
  /^\{[A-Za-z_][\w.-]*\}$/, // {password}, as Fly's docs write a URL's parts
  /^\$\(?[A-Za-z_][A-Za-z0-9_]*\)?$/, // $DB_PASSWORD, $(PASSWORD)
  /^\{\{.*\}\}$/, // {{ secrets.X }}
  /^%[A-Za-z_][A-Za-z0-9_]*%$/, // %PASSWORD%
  /^(?:x{3,}|\*{3,}|\.{3,}|…|-+|_+|0{4,}|#{3,})$/i, // xxx, ***, ..., 0000
  /^x{3,}[-_]/i, // xxx-xxx style fillers
  /^(?:your|my|enter|insert|put|add)[-_ ]/i, // your-api-key, my_password
  /^replace/i, // replace-me, REPLACE_WITH_KEY
  /^(?:change[-_]?me|changeit|todo|tbd|fixme|none|null|undefined|empty|redacted|removed|hidden|masked)$/i,
  // The part's own name, in capitals, where a template names the parts: USER:PASSWORD@HOST:PORT/DATABASE
  // (Prisma's docs). Lower case is left alone: `password` may really be the password, `db` a host.
  /^(?:USER(?:NAME)?|PASSWORD|PASSWD|PWD|HOST(?:NAME)?|PORT|DATABASE|DB(?:_?NAME)?|SCHEMA)$/,
  /^(?:example|sample|placeholder|dummy|fake|test|testing|secret|token|key|value|foo|bar|baz|abc123?|123456?)$/i,
  /(?:^|[-_ .])(?:example|placeholder|dummy|changeme|your)(?:[-_ .]|$)/i,
];

/**
 * Whether a value is a placeholder, not a real secret: empty, `<...>`, `[...]`, `${...}`, `$NAME`, `{{...}}`,
 * `xxx…`, `***…`, `changeme`, `your-…`, `replace…`, `example`, `placeholder`, `dummy`, `secret` and the like.
 */
export function isPlaceholder(value: string): boolean {
  const trimmed = value.trim().replace(/^(['"`])(.*)\1$/, '$2');
  if (trimmed === '') return true;
  return placeholderPatterns.some((pattern) => pattern.test(trimmed));
}

const exampleFile =
  /(?:^|\/)(?:\.env\.(?:example|sample|template|dist|defaults)|[^/]+\.(?:example|sample|template|dist))$/i;

/** Whether a path is an example or template file (`.env.example`, `config.sample`, `*.template`, ...). */
export function isExampleFile(path: string): boolean {
  return exampleFile.test(path);
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** Whether a host is the local machine (a password on it protects nothing worth leaking). */
export function isLoopbackHost(host: string): boolean {
  const lower = host.toLowerCase();
  return loopbackHosts.has(lower) || lower.endsWith('.localhost') || /^127(?:\.\d{1,3}){3}$/.test(lower);
}
