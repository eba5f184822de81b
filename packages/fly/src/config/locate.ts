// Where each key of a TOML document was written. smol-toml returns plain values without positions, so this
// scanner walks the (already validated) text once and records, for every key path, the position of its key
// and of its value. Paths index arrays of tables and inline arrays by position, as the parsed value does.

export type TomlPath = ReadonlyArray<string | number>;

export interface TomlPosition {
  line: number;
  column: number;
}

export interface TomlLocations {
  /** Where the key of `path` is written (the header, for a table). */
  key(path: TomlPath): TomlPosition | undefined;
  /** Where the value of `path` starts, else its key, else the nearest ancestor's. */
  nearest(path: TomlPath): TomlPosition | undefined;
}

export function locateToml(text: string): TomlLocations {
  const keys = new Map<string, TomlPosition>();
  const values = new Map<string, TomlPosition>();
  const lineStarts = [0];
  for (let index = 0; index < text.length; index++) if (text[index] === '\n') lineStarts.push(index + 1);
  const positionAt = (offset: number): TomlPosition => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low]! + 1 };
  };
  const id = (path: TomlPath) => JSON.stringify(path);
  const remember = (map: Map<string, TomlPosition>, path: TomlPath, offset: number) => {
    if (!map.has(id(path))) map.set(id(path), positionAt(offset));
  };

  let index = 0;
  const skipBlanks = () => {
    while (text[index] === ' ' || text[index] === '\t') index++;
  };
  const skipBlanksLinesAndComments = () => {
    for (;;) {
      while (index < text.length && /\s/.test(text[index]!)) index++;
      if (text[index] !== '#') return;
      while (index < text.length && text[index] !== '\n') index++;
    }
  };

  const readQuoted = (): string => {
    const quote = text[index]!;
    const start = index;
    index++;
    while (index < text.length && text[index] !== quote && text[index] !== '\n') {
      index += quote === '"' && text[index] === '\\' ? 2 : 1;
    }
    index++;
    const raw = text.slice(start, index);
    if (quote === "'") return raw.slice(1, -1);
    try {
      return JSON.parse(raw) as string;
    } catch {
      return raw.slice(1, -1);
    }
  };

  /** A dotted key: each part with the offset it starts at. */
  const readKey = (): Array<{ name: string; offset: number }> => {
    const parts: Array<{ name: string; offset: number }> = [];
    for (;;) {
      skipBlanks();
      const offset = index;
      if (text[index] === '"' || text[index] === "'") {
        parts.push({ name: readQuoted(), offset });
      } else {
        const start = index;
        while (index < text.length && /[A-Za-z0-9_-]/.test(text[index]!)) index++;
        if (index === start) return parts;
        parts.push({ name: text.slice(start, index), offset });
      }
      skipBlanks();
      if (text[index] !== '.') return parts;
      index++;
    }
  };

  const skipMultilineString = (delimiter: string) => {
    index += 3;
    while (index < text.length && !text.startsWith(delimiter, index)) {
      index += delimiter === '"""' && text[index] === '\\' ? 2 : 1;
    }
    index += 3;
    // A closing delimiter may be preceded by up to two quotes that belong to the string.
    let extra = 0;
    while (extra < 2 && text[index] === delimiter[0]) {
      index++;
      extra++;
    }
  };

  const readValue = (path: TomlPath) => {
    remember(values, path, index);
    if (text.startsWith('"""', index) || text.startsWith("'''", index)) {
      skipMultilineString(text.slice(index, index + 3));
    } else if (text[index] === '"' || text[index] === "'") {
      readQuoted();
    } else if (text[index] === '[') {
      index++;
      for (let item = 0; ; item++) {
        skipBlanksLinesAndComments();
        if (index >= text.length || text[index] === ']') break;
        readValue([...path, item]);
        skipBlanksLinesAndComments();
        if (text[index] === ',') index++;
      }
      index++;
    } else if (text[index] === '{') {
      index++;
      for (;;) {
        skipBlanks();
        if (index >= text.length || text[index] === '}' || text[index] === '\n') break;
        const before = index;
        readKeyValue(path);
        skipBlanks();
        if (text[index] === ',') index++;
        if (index === before) index++;
      }
      index++;
    } else {
      while (index < text.length && !/[,\]}\s#]/.test(text[index]!)) index++;
    }
  };

  const readKeyValue = (table: TomlPath) => {
    const parts = readKey();
    let path: TomlPath = table;
    for (const part of parts) {
      path = [...path, part.name];
      remember(keys, path, part.offset);
    }
    skipBlanks();
    if (text[index] !== '=') return;
    index++;
    skipBlanks();
    readValue(path);
  };

  const arrayIndexes = new Map<string, number>();
  let table: TomlPath = [];
  while (index < text.length) {
    skipBlanksLinesAndComments();
    if (index >= text.length) break;
    const lineStart = index;
    if (text[index] === '[') {
      const isArray = text[index + 1] === '[';
      index += isArray ? 2 : 1;
      const parts = readKey();
      const resolved: Array<string | number> = [];
      parts.forEach((part, position) => {
        resolved.push(part.name);
        const last = position === parts.length - 1;
        if (last && isArray) {
          const next = (arrayIndexes.get(id(resolved)) ?? -1) + 1;
          arrayIndexes.set(id(resolved), next);
          resolved.push(next);
        } else {
          const current = arrayIndexes.get(id(resolved));
          if (current !== undefined) resolved.push(current);
        }
        remember(keys, resolved, part.offset);
      });
      remember(values, resolved, lineStart);
      table = resolved;
    } else {
      readKeyValue(table);
    }
    while (index < text.length && text[index] !== '\n') index++;
    if (index === lineStart) index++;
  }

  return {
    key: (path) => keys.get(id(path)),
    nearest: (path) => {
      for (let length = path.length; length > 0; length--) {
        const prefix = path.slice(0, length);
        const found = values.get(id(prefix)) ?? keys.get(id(prefix));
        if (found) return found;
      }
      return undefined;
    },
  };
}
