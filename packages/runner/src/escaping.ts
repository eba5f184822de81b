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

// The writing side is the kit's: what the actions write is what these tests read back.
export { escapeData, escapeProperty } from '@shipgate/kit';
