// The runner's escape tables (ActionCommand.cs): '%' is encoded first by @actions/core and decoded
// last by the runner, so `%250A` round-trips to the literal text `%0A`.

/** Undoes @actions/core's escaping of a command's message. */
export function unescapeData(value: string): string {
  return value.replaceAll('%0D', '\r').replaceAll('%0A', '\n').replaceAll('%25', '%');
}

/** Undoes @actions/core's escaping of a command's property value (`:` and `,` too). */
export function unescapeProperty(value: string): string {
  return value
    .replaceAll('%0D', '\r')
    .replaceAll('%0A', '\n')
    .replaceAll('%3A', ':')
    .replaceAll('%2C', ',')
    .replaceAll('%25', '%');
}

/** Escapes a message as @actions/core does. */
export function escapeData(value: string): string {
  return value.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** Escapes a property value as @actions/core does. */
export function escapeProperty(value: string): string {
  return escapeData(value).replaceAll(':', '%3A').replaceAll(',', '%2C');
}
