/** A site's filter policy that cannot be built (for now: an order-number pattern). Stable `code`. */
export class FilterPolicyError extends Error {
  readonly code = 'INVALID_FILTER_POLICY';

  constructor(message: string) {
    super(message);
    this.name = 'FilterPolicyError';
  }
}
