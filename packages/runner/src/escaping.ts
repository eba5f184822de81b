// The runner's escape tables (ActionCommand.cs): '%' is encoded first by the writer and decoded
// last by the runner, so `%250A` round-trips to the literal text `%0A`.

/** Undoes the escaping of a command's message. */
export function unescapeData(value: string): string {
  return value.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%25', '%');
}

/** Undoes the escaping of a command's property value (`:` and `,` too). */
export function unescapeProperty(value: string): string {
  return value
    .replaceAll('%0D', '\r')
    .replaceAll('%0A', '\n')
    .replaceAll('%3A', ':')
    .replaceAll('%2C', ',')
    .replaceAll('%25', '%');
}

/** Escapes a command's message as a writer must: `%` first, then CR and LF. */
export function escapeData(value: string): string {
  return value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** Escapes a command's property value: as data, plus `:` and `,`. */
export function escapeProperty(value: string): string {
  return escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C');
}
