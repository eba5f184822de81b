// libsodium sealed boxes (reference §4.2): one crypto_box key pair per scope; uploads are opened with
// crypto_box_seal_open. `sodiumReady()` must have resolved before the synchronous calls below.
import { randomInt } from 'node:crypto';
import sodium from 'libsodium-wrappers';

export interface KeyPair {
  /** A numeric string, as GitHub sends it. */
  keyId: string;
  publicKey: Uint8Array;
  privateKey: Uint8Array;
}

let ready: Promise<void> | undefined;

export function sodiumReady(): Promise<void> {
  ready ??= sodium.ready;
  return ready;
}

export function newKeyPair(): KeyPair {
  const { publicKey, privateKey } = sodium.crypto_box_keypair();
  const keyId = `${randomInt(1, 10)}${String(randomInt(0, 2 ** 47)).padStart(18, '0')}`.slice(0, 19);
  return { keyId, publicKey, privateKey };
}

export function publicKeyBase64(keyPair: KeyPair): string {
  return sodium.to_base64(keyPair.publicKey, sodium.base64_variants.ORIGINAL);
}

/** The plaintext of a base64 sealed box, or undefined when it does not open with this key pair. */
export function openSealed(encryptedBase64: string, keyPair: KeyPair): string | undefined {
  try {
    const sealed = sodium.from_base64(encryptedBase64, sodium.base64_variants.ORIGINAL);
    const opened = sodium.crypto_box_seal_open(sealed, keyPair.publicKey, keyPair.privateKey);
    return new TextDecoder('utf-8', { fatal: true }).decode(opened);
  } catch {
    return undefined;
  }
}
