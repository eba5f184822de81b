import sodium from 'libsodium-wrappers';
import { beforeAll, describe, expect, it } from 'vitest';
import { sealSecretValue } from '../src/sealed-box';

describe('sealSecretValue', () => {
  beforeAll(async () => {
    await sodium.ready;
  });

  function keypair() {
    const pair = sodium.crypto_box_keypair();
    return { ...pair, publicKeyBase64: sodium.to_base64(pair.publicKey, sodium.base64_variants.ORIGINAL) };
  }

  function open(sealed: string, pair: ReturnType<typeof keypair>): string {
    const bytes = sodium.from_base64(sealed, sodium.base64_variants.ORIGINAL);
    return sodium.to_string(sodium.crypto_box_seal_open(bytes, pair.publicKey, pair.privateKey));
  }

  it('seals a value that the holder of the private key opens', async () => {
    const pair = keypair();
    const value = 'postgres://user:päss@db.internal:5432/shop?sslmode=require';
    const sealed = await sealSecretValue(value, pair.publicKeyBase64);
    expect(open(sealed, pair)).toBe(value);
  });

  it('is standard padded base64 of 48 bytes more than the plaintext', async () => {
    const pair = keypair();
    const sealed = await sealSecretValue('abc', pair.publicKeyBase64);
    expect(sealed).toMatch(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/);
    expect(Buffer.from(sealed, 'base64').length).toBe(3 + 48);
    expect(sealed).not.toContain('abc');
  });

  it('seals the same value differently each time (a fresh ephemeral key)', async () => {
    const pair = keypair();
    const first = await sealSecretValue('same', pair.publicKeyBase64);
    const second = await sealSecretValue('same', pair.publicKeyBase64);
    expect(first).not.toBe(second);
    expect(open(second, pair)).toBe('same');
  });

  it('seals an empty value and multi-line values', async () => {
    const pair = keypair();
    expect(open(await sealSecretValue('', pair.publicKeyBase64), pair)).toBe('');
    const pem = '-----BEGIN KEY-----\nline\r\nline\n-----END KEY-----\n';
    expect(open(await sealSecretValue(pem, pair.publicKeyBase64), pair)).toBe(pem);
  });

  it('cannot be opened with another key pair', async () => {
    const pair = keypair();
    const other = keypair();
    const sealed = await sealSecretValue('x', pair.publicKeyBase64);
    expect(() => open(sealed, other)).toThrow();
  });

  it('refuses a key of the wrong length', async () => {
    await expect(sealSecretValue('x', Buffer.alloc(16).toString('base64'))).rejects.toThrow(
      /16 bytes, expected 32/,
    );
  });
});
