// Key pairs come from Node's native crypto (OpenSSL): fast, and no private key ever passes
// through JavaScript big-number code.
import { KeyObject, createPrivateKey, createPublicKey, generateKeyPair } from 'node:crypto';

export type KeyType = 'rsa' | 'ecdsa';

export const KEY_TYPES: readonly KeyType[] = ['rsa', 'ecdsa'];
export const DEFAULT_KEY_TYPE: KeyType = 'rsa';
export const RSA_KEY_BITS = 2048;
export const EC_CURVE = 'prime256v1';

export interface KeyPair {
  type: KeyType;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function isKeyType(value: string): value is KeyType {
  return (KEY_TYPES as readonly string[]).includes(value);
}

export function generateKeys(type: KeyType): Promise<KeyPair> {
  return new Promise((resolve, reject) => {
    const done = (error: Error | null, publicKey: KeyObject, privateKey: KeyObject): void => {
      if (error) {
        reject(error);
      } else {
        resolve({ type, publicKey, privateKey });
      }
    };
    if (type === 'rsa') {
      generateKeyPair('rsa', { modulusLength: RSA_KEY_BITS, publicExponent: 0x10001 }, done);
    } else {
      generateKeyPair('ec', { namedCurve: EC_CURVE }, done);
    }
  });
}

/** kumactl's encodings: PKCS#1 `RSA PRIVATE KEY` and SEC 1 `EC PRIVATE KEY`, never PKCS#8. */
export function privateKeyPem(keys: KeyPair): string {
  const type = keys.type === 'rsa' ? 'pkcs1' : 'sec1';
  return keys.privateKey.export({ type, format: 'pem' }).toString();
}

/**
 * Reads a PEM private key (PKCS#1, SEC 1 or PKCS#8) into a key pair of a type we can sign with.
 * Errors never quote the key text.
 */
export function keyPairFromPem(pem: string): KeyPair {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw new Error('the private key is not a readable unencrypted PEM key');
  }
  const publicKey = createPublicKey(privateKey);
  if (privateKey.asymmetricKeyType === 'rsa') {
    return { type: 'rsa', privateKey, publicKey };
  }
  if (privateKey.asymmetricKeyType === 'ec' && privateKey.asymmetricKeyDetails?.namedCurve === EC_CURVE) {
    return { type: 'ecdsa', privateKey, publicKey };
  }
  throw new Error(
    `unsupported private key type ${privateKey.asymmetricKeyType ?? 'unknown'}` +
      `${privateKey.asymmetricKeyDetails?.namedCurve ? ` (${privateKey.asymmetricKeyDetails.namedCurve})` : ''}; ` +
      'expected RSA or ECDSA P-256',
  );
}
