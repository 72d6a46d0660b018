import type { SignableRequest } from './aksk-signer.js';

/** A request about to be sent, for an authenticator to add its headers to (and sign). */
export type OutgoingRequest = SignableRequest;

export interface Authenticator {
  /** `token` or `aksk`: for logs and the summary, never the secret. */
  readonly mode: 'token' | 'aksk';
  /** Obtains credentials before the first call (an IAM login), so a wrong password stops the run early. */
  prepare?(): Promise<void>;
  /** Adds the auth headers to `request.headers`. */
  authorize(request: OutgoingRequest): Promise<void>;
  /**
   * Called once after a 401: a token source may re-read its file or log in again.
   * Returns true when the credentials changed and the call is worth one more try.
   */
  refresh?(): Promise<boolean>;
  /** Strings that must never appear in any output. */
  secrets(): string[];
}
