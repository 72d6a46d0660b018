import type { Dispatcher } from 'undici';
import { AuthError } from '../../errors.js';
import { parseApiError } from '../errors.js';
import type { Authenticator, OutgoingRequest } from './types.js';

export interface IamLogin {
  /** e.g. https://iam.cn-north-4.myhuaweicloud.com */
  endpoint: string;
  user: string;
  password: string;
  domain: string;
  /** Scope of the token: the project the calls are made in. */
  projectId: string;
}

/** Refresh this long before expiry (or at 90% of a short lifetime), so no call carries a dying token. */
const REFRESH_BEFORE_MS = 10 * 60_000;

/**
 * X-Auth-Token from IAM's password login, for runs longer than a token lives (24 h): logged in
 * at the first call, again before `expires_at`, and once more on a 401 that says it must be updated.
 */
export class IamTokenAuthenticator implements Authenticator {
  readonly mode = 'token';
  readonly #login: IamLogin;
  readonly #dispatcher: Dispatcher;
  readonly #now: () => number;
  #token: string | undefined;
  #refreshAtMs = 0;
  #pending: Promise<void> | undefined;
  readonly #seen: string[] = [];

  constructor(login: IamLogin, dispatcher: Dispatcher, now: () => number = Date.now) {
    this.#login = login;
    this.#dispatcher = dispatcher;
    this.#now = now;
  }

  async prepare(): Promise<void> {
    await this.#loginOnce();
  }

  async authorize(request: OutgoingRequest): Promise<void> {
    if (!this.#token || this.#now() >= this.#refreshAtMs) await this.#loginOnce();
    request.headers['X-Auth-Token'] = this.#token!;
  }

  async refresh(): Promise<boolean> {
    this.#refreshAtMs = 0;
    await this.#loginOnce();
    return true;
  }

  secrets(): string[] {
    return [this.#login.password, ...this.#seen];
  }

  /** Concurrent callers share one login. */
  #loginOnce(): Promise<void> {
    this.#pending ??= this.#logIn().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #logIn(): Promise<void> {
    const { endpoint, user, password, domain, projectId } = this.#login;
    const url = new URL('/v3/auth/tokens', endpoint);
    const body = JSON.stringify({
      auth: {
        identity: { methods: ['password'], password: { user: { name: user, password, domain: { name: domain } } } },
        scope: { project: { id: projectId } },
      },
    });
    let response: Dispatcher.ResponseData;
    try {
      response = await this.#dispatcher.request({
        origin: url.origin,
        path: url.pathname,
        method: 'POST',
        headers: { 'Content-Type': 'application/json;charset=utf8' },
        body,
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new AuthError(`IAM login at ${url.origin} failed: ${(error as Error).message}`, { cause: error });
    }
    const text = await response.body.text();
    const token = response.headers['x-subject-token'];
    if (response.statusCode !== 201 || typeof token !== 'string' || token === '') {
      const apiError = parseApiError(response.statusCode, text);
      throw new AuthError(`IAM rejected the login for user ${user}: HTTP ${response.statusCode} ${apiError.errorCode} ${apiError.errorMsg}`.trim());
    }
    const expiresAtMs = expiryOf(text) ?? this.#now() + 24 * 3_600_000;
    const lifetimeMs = Math.max(0, expiresAtMs - this.#now());
    this.#token = token;
    this.#seen.push(token);
    this.#refreshAtMs = this.#now() + (lifetimeMs > 2 * REFRESH_BEFORE_MS ? lifetimeMs - REFRESH_BEFORE_MS : lifetimeMs * 0.9);
  }
}

function expiryOf(body: string): number | undefined {
  try {
    const expiresAt = (JSON.parse(body) as { token?: { expires_at?: unknown } }).token?.expires_at;
    const ms = typeof expiresAt === 'string' ? Date.parse(expiresAt) : NaN;
    return Number.isNaN(ms) ? undefined : ms;
  } catch {
    return undefined;
  }
}
