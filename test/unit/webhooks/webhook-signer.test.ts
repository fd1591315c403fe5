import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { SecretBox } from '../../../src/webhooks/secret-box.js';
import { generateWebhookSecret, signatureFor, signWebhook } from '../../../src/webhooks/webhook-signer.js';

// The Standard Webhooks spec's known-answer vector.
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  body: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

describe('webhook signer', () => {
  it('matches the spec known-answer vector', () => {
    expect(signatureFor(VECTOR.secret, VECTOR.id, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.signature);
  });

  it('new secrets are whsec_ + base64 of 32 random bytes', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(generateWebhookSecret()).not.toBe(secret);
  });

  it('verifies with the standardwebhooks library', () => {
    const secret = generateWebhookSecret();
    const body = JSON.stringify({ type: 'message.created', data: { text: 'héllo 你好' } });
    const headers = signWebhook([secret], 'msg_abc', Math.floor(Date.now() / 1000), body);
    expect(new Webhook(secret).verify(body, { ...headers })).toEqual(JSON.parse(body));
  });

  it('during a rotation both secrets sign, so a receiver holding either verifies', () => {
    const [next, previous, stranger] = [generateWebhookSecret(), generateWebhookSecret(), generateWebhookSecret()];
    const body = '{"a":1}';
    const headers = signWebhook([next, previous], 'msg_rot', Math.floor(Date.now() / 1000), body);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(next).verify(body, { ...headers })).not.toThrow();
    expect(() => new Webhook(previous).verify(body, { ...headers })).not.toThrow();
    expect(() => new Webhook(stranger).verify(body, { ...headers })).toThrow();
  });

  it('a tampered body does not verify', () => {
    const secret = generateWebhookSecret();
    const headers = signWebhook([secret], 'msg_t', Math.floor(Date.now() / 1000), '{"a":1}');
    expect(() => new Webhook(secret).verify('{"a":2}', { ...headers })).toThrow();
  });
});

describe('secret box', () => {
  it('seals and opens; the ciphertext holds no trace of the secret and is bound to its endpoint', () => {
    const box = new SecretBox('a-master-key-of-at-least-32-characters!!');
    const secret = generateWebhookSecret();
    const sealed = box.seal(secret, 'endpoint-1');
    expect(sealed).not.toContain(secret.slice(6, 20));
    expect(box.open(sealed, 'endpoint-1')).toBe(secret);
    expect(() => box.open(sealed, 'endpoint-2')).toThrow();
    expect(() => new SecretBox('another-master-key-of-32-characters-long').open(sealed, 'endpoint-1')).toThrow();
  });
});
