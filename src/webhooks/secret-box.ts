import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

const VERSION = 'v1';
const IV_BYTES = 12;

/**
 * Encrypts endpoint secrets at rest. An HMAC key must be recoverable to sign, so it cannot be hashed:
 * it is sealed with AES-256-GCM under a key derived (HKDF-SHA256) from `WEBHOOK_SECRET_KEY`, with the
 * endpoint id as associated data, so a ciphertext copied onto another row does not open.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(masterSecret: string) {
    this.key = Buffer.from(hkdfSync('sha256', masterSecret, 'switchboard-webhooks', 'endpoint-secret-v1', 32));
  }

  seal(plaintext: string, endpointId: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(endpointId));
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64'), cipher.getAuthTag().toString('base64'), sealed.toString('base64')].join(':');
  }

  open(ciphertext: string, endpointId: string): string {
    const [version, iv, tag, sealed] = ciphertext.split(':');
    if (version !== VERSION || !iv || !tag || sealed === undefined) throw new Error('unknown webhook secret format');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64'));
    decipher.setAAD(Buffer.from(endpointId));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64')), decipher.final()]).toString('utf8');
  }
}
