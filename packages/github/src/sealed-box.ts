import sodium from 'libsodium-wrappers';

/**
 * `value` sealed for GitHub: a libsodium anonymous sealed box (`crypto_box_seal`) to the scope's
 * base64 Curve25519 public key, as standard padded base64 — what the secrets API takes as `encrypted_value`.
 */
export async function sealSecretValue(value: string, publicKeyBase64: string): Promise<string> {
  await sodium.ready;
  const publicKey = sodium.from_base64(publicKeyBase64, sodium.base64_variants.ORIGINAL);
  if (publicKey.length !== sodium.crypto_box_PUBLICKEYBYTES) {
    throw new Error(
      `GitHub's public key is ${publicKey.length} bytes, expected ${sodium.crypto_box_PUBLICKEYBYTES}`,
    );
  }
  const sealed = sodium.crypto_box_seal(sodium.from_string(value), publicKey);
  return sodium.to_base64(sealed, sodium.base64_variants.ORIGINAL);
}
