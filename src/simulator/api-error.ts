/** DeepSeek's error envelope: `{"error":{"message","type","param","code"}}`. */
export interface ErrorEnvelope {
  error: { message: string; type: string; param: string | null; code: string };
}

/** An error the simulator answers with, carrying the HTTP status and DeepSeek's envelope fields. */
export class SimulatorApiError extends Error {
  override readonly name = 'SimulatorApiError';

  constructor(
    readonly status: number,
    message: string,
    readonly type: string = 'invalid_request_error',
    readonly code: string = 'invalid_request_error',
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }

  toEnvelope(): ErrorEnvelope {
    return { error: { message: this.message, type: this.type, param: null, code: this.code } };
  }
}

const STATUS_ERRORS: Record<number, { message: string; type: string }> = {
  400: { message: 'Invalid Request', type: 'invalid_request_error' },
  401: { message: 'Authentication Fails, Your api key: ****ator is invalid', type: 'authentication_error' },
  402: { message: 'Insufficient Balance', type: 'unknown_error' },
  422: { message: 'Invalid Parameters', type: 'invalid_request_error' },
  429: { message: 'Rate Limit Reached', type: 'rate_limit_error' },
  500: { message: 'Internal Server Error', type: 'api_error' },
  503: { message: 'Server overloaded, please try again later.', type: 'api_error' },
};

/** The error the real API sends for `status`, as used by the `status=` fault. */
export function statusError(status: number, message?: string, retryAfterSeconds?: number): SimulatorApiError {
  const known = STATUS_ERRORS[status] ?? { message: 'Unknown Error', type: 'api_error' };
  return new SimulatorApiError(status, message ?? known.message, known.type, 'invalid_request_error', retryAfterSeconds);
}

export function authenticationError(presentedKey: string | undefined): SimulatorApiError {
  const tail = (presentedKey ?? '').slice(-4);
  return new SimulatorApiError(401, `Authentication Fails, Your api key: ****${tail} is invalid`, 'authentication_error');
}

/** The key of an `Authorization: Bearer <key>` header, if it has that form. */
export function bearerKey(authorization: string | undefined): string | undefined {
  return authorization?.startsWith('Bearer ') ? authorization.slice('Bearer '.length).trim() : undefined;
}
