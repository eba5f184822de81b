import { z } from 'zod';
import { InputError } from './errors';
import { hasUrlCredentials } from './redact';

/** What action.yml says of one input; the kit keeps it beside the field's schema. */
export interface InputInfo {
  required: boolean;
  /** The default exactly as action.yml writes it (expressions such as `${{ github.token }}` included). */
  default?: string;
  secret: boolean;
  /** A short description of the allowed values, used in error messages. */
  expected: string;
  /**
   * Whole error sentences (after "Input 'name' ") for values refused for a reason other than their form,
   * keyed by the refinement's message. The value is never repeated: it may hold a credential.
   */
  refusals?: Record<string, string>;
}

/** What every URL input says when it is given `user:password@`. */
export const urlCredentialsRefusal =
  "must not carry credentials (user:password@): pass a token through the action's token input, or an Authorization header, instead.";

/** A field's schema takes the raw string (undefined when the input was not given). */
export type InputField<T> = z.ZodType<T, string | undefined>;

const infos = new WeakMap<z.ZodType, InputInfo>();

function field<T>(schema: InputField<T>, info: InputInfo): InputField<T> {
  infos.set(schema, info);
  return schema;
}

interface Common {
  /** The default as written in action.yml. */
  default?: string;
}

const truthy = ['true', 'True', 'TRUE'];
const falsy = ['false', 'False', 'FALSE'];

/** Builders for input fields. Values arrive as strings; each builder says how to read one. */
export const input = {
  /** Free text; an empty string counts as not given. */
  text: ((options: { default?: string; secret?: boolean } = {}) =>
    field(z.string().optional(), {
      required: false,
      secret: options.secret ?? false,
      expected: 'a value',
      ...(options.default !== undefined ? { default: options.default } : {}),
    })) as {
    (options: { default: string; secret?: boolean }): InputField<string>;
    (options?: { secret?: boolean }): InputField<string | undefined>;
  },

  /** A text input the action cannot run without. */
  requiredText(options: { secret?: boolean } = {}): InputField<string> {
    return field(z.string(), { required: true, secret: options.secret ?? false, expected: 'a value' });
  },

  /** A secret: masked before anything else happens, never echoed in an error. */
  secret(options: { required?: boolean; default?: string } = {}): InputField<string | undefined> {
    if (options.required) return input.requiredText({ secret: true });
    return input.text({
      secret: true,
      ...(options.default !== undefined ? { default: options.default } : {}),
    });
  },

  /** true or false, exactly as @actions/core's getBooleanInput reads them: typos are errors, not false. */
  boolean(options: { default: 'true' | 'false' }): InputField<boolean> {
    const schema = z
      .string()
      .refine((value) => truthy.includes(value) || falsy.includes(value))
      .transform((value) => truthy.includes(value));
    return field(schema as unknown as InputField<boolean>, {
      required: false,
      secret: false,
      default: options.default,
      expected: 'true or false',
    });
  },

  /** One of a fixed set of words. */
  choice<const V extends readonly [string, ...string[]]>(values: V, options: { default?: V[number] } = {}) {
    const schema = options.default === undefined ? z.enum(values).optional() : z.enum(values);
    return field(schema as InputField<V[number]>, {
      required: false,
      secret: false,
      expected: `one of ${values.join(', ')}`,
      ...(options.default !== undefined ? { default: options.default } : {}),
    });
  },

  /** A whole number within bounds; without a default it may be left out (undefined). */
  integer: ((options: Common & { min?: number; max?: number } = {}) => {
    const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = options;
    const whole = z
      .string()
      .regex(/^-?\d+$/)
      .transform(Number)
      .refine((n) => n >= min && n <= max);
    const schema = options.default === undefined ? whole.optional() : whole;
    const bounds =
      options.min !== undefined && options.max !== undefined
        ? ` from ${min} to ${max}`
        : options.min !== undefined
          ? ` of at least ${min}`
          : options.max !== undefined
            ? ` of at most ${max}`
            : '';
    return field(schema as unknown as InputField<number>, {
      required: false,
      secret: false,
      expected: `a whole number${bounds}`,
      ...(options.default !== undefined ? { default: options.default } : {}),
    });
  }) as {
    (options: Common & { default: string; min?: number; max?: number }): InputField<number>;
    (options?: { min?: number; max?: number }): InputField<number | undefined>;
  },

  /**
   * An absolute http:// or https:// URL without credentials; without a default it may be left out (undefined).
   * `user:password@` is refused: credentials in a URL end up in logs, so they go in a token input or a header.
   */
  url: ((options: Common = {}) => {
    const absolute = z
      .string()
      .refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), { message: 'form' })
      .refine((value) => !hasUrlCredentials(value), { message: 'credentials' });
    const schema = options.default === undefined ? absolute.optional() : absolute;
    return field(schema as InputField<string | undefined>, {
      required: false,
      secret: false,
      expected: 'an absolute http:// or https:// URL',
      refusals: { credentials: urlCredentialsRefusal },
      ...(options.default !== undefined ? { default: options.default } : {}),
    });
  }) as {
    (options: { default: string }): InputField<string>;
    (options?: Record<string, never>): InputField<string | undefined>;
  },

  /** Several values, one per line or separated by commas; blanks dropped, each trimmed. */
  list(options: Common = {}): InputField<string[]> {
    const schema = z
      .string()
      .optional()
      .transform((value) =>
        (value ?? '')
          .split(/[\n,]/)
          .map((item) => item.trim())
          .filter((item) => item.length > 0),
      );
    return field(schema as unknown as InputField<string[]>, {
      required: false,
      secret: false,
      expected: 'a list, one item per line or comma-separated',
      ...(options.default !== undefined ? { default: options.default } : {}),
    });
  },
};

export type InputShape = Record<string, InputField<unknown>>;
export type Inputs<S extends InputShape> = { [K in keyof S]: z.output<S[K]> };

/** What the kit knows of each input, keyed by the action.yml name. */
export function describeInputs(shape: InputShape): Record<string, InputInfo> {
  const out: Record<string, InputInfo> = {};
  for (const [name, schema] of Object.entries(shape)) {
    const info = infos.get(schema);
    if (!info) throw new Error(`input '${name}' was not built with the kit's input builders`);
    out[name] = info;
  }
  return out;
}

const expression = /^\$\{\{.*\}\}$/s;

/**
 * Reads every input once. Secrets are handed to `mask` before any parsing, so no later message
 * can carry them. An error names the input, what was given (unless secret) and what is allowed.
 */
export function parseInputs<S extends InputShape>(
  shape: S,
  read: (name: string) => string | undefined,
  mask: (value: string) => void = () => {},
): Inputs<S> {
  const infoByName = describeInputs(shape);
  for (const [name, info] of Object.entries(infoByName)) {
    const value = read(name);
    if (info.secret && value) mask(value);
  }
  const result: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(shape)) {
    const info = infoByName[name] as InputInfo;
    let raw = read(name)?.trim();
    if (raw === '') raw = undefined;
    // Expression defaults are evaluated by the runner; here only literal ones apply.
    if (raw === undefined && info.default !== undefined && !expression.test(info.default)) raw = info.default;
    if (raw === undefined && info.required) {
      throw new InputError(name, `Input '${name}' is required: expected ${info.expected}.`);
    }
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const refusal = parsed.error.issues
        .map((issue) => info.refusals?.[issue.message])
        .find((sentence) => sentence !== undefined);
      if (refusal) throw new InputError(name, `Input '${name}' ${refusal}`);
      const given = info.secret ? '' : `; got '${raw}'`;
      throw new InputError(name, `Input '${name}' must be ${info.expected}${given}.`);
    }
    result[name] = parsed.data;
  }
  return result as Inputs<S>;
}
