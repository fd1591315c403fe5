import { errors, jwtVerify, SignJWT } from 'jose';

/** The only algorithm signed and the only one accepted (no `none`, no RS/HS confusion). */
export const SESSION_TOKEN_ALGORITHM = 'HS256';
export const SESSION_TOKEN_ISSUER = 'switchboard';
export const SESSION_TOKEN_AUDIENCE = 'switchboard:agent';

/** What a verified session token says: who (`sub`), which session row (`sid`), until when. */
export interface SessionClaims {
  agentId: string;
  sessionId: string;
  issuedAt: Date;
  expiresAt: Date;
}

/** Why a token was refused: `expired` (genuine but past `exp`) or `invalid` (anything else). */
export type SessionTokenFailure = 'expired' | 'invalid';

/** Thrown by {@link SessionTokens.verify}; `reason` tells an expired genuine token from anything else. */
export class SessionTokenError extends Error {
  override readonly name = 'SessionTokenError';

  constructor(
    readonly reason: SessionTokenFailure,
    options?: { cause?: unknown },
  ) {
    super(reason === 'expired' ? 'session token expired' : 'session token invalid', options);
  }
}

/**
 * Signs and verifies agent session tokens: compact JWS, HS256 with a server secret, claims `sub`
 * (agent id), `sid` (session row id), `iat`, `exp`, `iss`, `aud`. A valid signature is necessary, not
 * sufficient: the session row decides whether the session is still live.
 */
export class SessionTokens {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    if (secret.length < 32) throw new Error('the session secret needs at least 32 characters');
    this.key = new TextEncoder().encode(secret);
  }

  /** A token for the session, valid until `expiresAt` (whole seconds, as JWT times are). */
  sign(claims: { agentId: string; sessionId: string; expiresAt: Date; issuedAt?: Date }): Promise<string> {
    const issuedAt = claims.issuedAt ?? new Date();
    return new SignJWT({ sid: claims.sessionId })
      .setProtectedHeader({ alg: SESSION_TOKEN_ALGORITHM, typ: 'JWT' })
      .setSubject(claims.agentId)
      .setIssuer(SESSION_TOKEN_ISSUER)
      .setAudience(SESSION_TOKEN_AUDIENCE)
      .setIssuedAt(Math.floor(issuedAt.getTime() / 1000))
      .setExpirationTime(Math.floor(claims.expiresAt.getTime() / 1000))
      .sign(this.key);
  }

  /** The claims of a genuine, unexpired token; throws `SessionTokenError` otherwise. */
  async verify(token: string): Promise<SessionClaims> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [SESSION_TOKEN_ALGORITHM],
        issuer: SESSION_TOKEN_ISSUER,
        audience: SESSION_TOKEN_AUDIENCE,
        requiredClaims: ['sub', 'sid', 'iat', 'exp'],
        clockTolerance: 0,
      });
      if (typeof payload.sid !== 'string' || typeof payload.sub !== 'string') throw new SessionTokenError('invalid');
      return {
        agentId: payload.sub,
        sessionId: payload.sid,
        issuedAt: new Date(payload.iat! * 1000),
        expiresAt: new Date(payload.exp! * 1000),
      };
    } catch (error) {
      if (error instanceof SessionTokenError) throw error;
      // Only a genuine token (good signature, issuer, audience) may say "expired".
      if (error instanceof errors.JWTExpired) throw new SessionTokenError('expired', { cause: error });
      throw new SessionTokenError('invalid', { cause: error });
    }
  }
}
