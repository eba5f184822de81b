// Generated secrets: fresh random values from node's CSPRNG, one uniform draw per character.
import { randomInt } from 'node:crypto';
import type { Alphabet, GeneratedSpec } from './config';

const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const digits = '0123456789';

export const alphabetCharacters: Record<Alphabet, string> = {
  alnum: letters + digits,
  hex: '0123456789abcdef',
  base64url: `${letters}${digits}-_`,
  // Printable ASCII punctuation without quotes, backslash and space, which break shells and dotenv files.
  symbols: `${letters}${digits}!#$%&()*+,-./:;<=>?@[]^_{|}~`,
};

export function generateValue(spec: Pick<GeneratedSpec, 'length' | 'alphabet'>): string {
  const characters = alphabetCharacters[spec.alphabet];
  let value = '';
  for (let index = 0; index < spec.length; index++) value += characters[randomInt(characters.length)];
  return value;
}
