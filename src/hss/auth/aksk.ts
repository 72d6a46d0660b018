import { sdkDate, signRequest, type AkSkCredentials } from './aksk-signer.js';
import type { Authenticator, OutgoingRequest } from './types.js';

/** SDK-HMAC-SHA256 signing with CLOUD_SDK_AK / CLOUD_SDK_SK (+ CLOUD_SDK_SECURITY_TOKEN). */
export class AkSkAuthenticator implements Authenticator {
  readonly mode = 'aksk';
  readonly #credentials: AkSkCredentials;
  readonly #securityToken: string | undefined;
  readonly #now: () => number;

  constructor(credentials: AkSkCredentials & { securityToken?: string | undefined }, now: () => number = Date.now) {
    this.#credentials = { ak: credentials.ak, sk: credentials.sk };
    this.#securityToken = credentials.securityToken;
    this.#now = now;
  }

  async authorize(request: OutgoingRequest): Promise<void> {
    // Temporary credentials: the token is a signed header, so it is set before signing.
    if (this.#securityToken) request.headers['X-Security-Token'] = this.#securityToken;
    const date = sdkDate(this.#now());
    const signature = signRequest(request, this.#credentials, date);
    request.headers['X-Sdk-Date'] = date;
    request.headers['Authorization'] = signature.authorization;
  }

  secrets(): string[] {
    return [this.#credentials.sk, ...(this.#securityToken ? [this.#securityToken] : [])];
  }
}
