export type PiiKind = 'phone' | 'email' | 'idCard' | 'bankCard' | 'contactHandle';

/** A PII hit in original-text offsets (UTF-16, end exclusive). */
export interface PiiHit {
  start: number;
  end: number;
  kind: PiiKind;
}
