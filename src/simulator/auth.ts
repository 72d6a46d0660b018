import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { signRequest } from '../hss/auth/aksk-signer.js';

export interface SimulatorCredentials {
  /** Accepted X-Auth-Token values. */
  tokens: string[];
  /** Accepted AK/SK pairs (and, with a security token, temporary ones). */
  keys: { ak: string; sk: string; securityToken?: string }[];
  /** IAM password logins the simulator answers at POST /v3/auth/tokens. */
  users: { name: string; password: string; domain: string }[];
  /** Lifetime of IAM tokens it issues. */
  tokenTtlMs: number;
}

export type AuthVerdict = { ok: true; principal: string } | { ok: false; status: number; errorCode: string; errorMsg: string };

const SKEW_MS = 15 * 60_000;

export class SimulatorAuth {
  readonly #credentials: SimulatorCredentials;
  readonly #issued = new Map<string, number>();
  readonly #now: () => number;

  constructor(credentials: SimulatorCredentials, now: () => number) {
    this.#credentials = credentials;
    this.#now = now;
  }

  /** Answers an IAM password login; undefined when the user is unknown. */
  issueToken(name: string, password: string, domain: string): { token: string; expiresAt: Date } | undefined {
    const user = this.#credentials.users.find((u) => u.name === name && u.password === password && u.domain === domain);
    if (!user) return undefined;
    const token = `MIIsim${randomBytes(24).toString('base64url')}`;
    const expiresAtMs = this.#now() + this.#credentials.tokenTtlMs;
    this.#issued.set(token, expiresAtMs);
    return { token, expiresAt: new Date(expiresAtMs) };
  }

  verify(method: string, rawUrl: string, headers: IncomingHttpHeaders, body: string): AuthVerdict {
    const token = headerValue(headers, 'x-auth-token');
    if (token !== undefined) return this.#verifyToken(token);
    const authorization = headerValue(headers, 'authorization');
    if (authorization !== undefined) return this.#verifySignature(method, rawUrl, headers, body, authorization);
    return reject(401, 'APIG.0301', 'Incorrect IAM authentication information: x-auth-token not found');
  }

  #verifyToken(token: string): AuthVerdict {
    if (this.#credentials.tokens.includes(token)) return { ok: true, principal: `token:${token.slice(0, 6)}` };
    const expiresAtMs = this.#issued.get(token);
    if (expiresAtMs === undefined) return reject(401, 'APIG.0301', 'Incorrect IAM authentication information: verify token fail');
    if (this.#now() >= expiresAtMs) return reject(401, 'APIG.0307', 'The token must be updated.');
    return { ok: true, principal: `iam:${token.slice(6, 12)}` };
  }

  #verifySignature(method: string, rawUrl: string, headers: IncomingHttpHeaders, body: string, authorization: string): AuthVerdict {
    const match = /^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]+)$/.exec(authorization);
    if (!match) return reject(401, 'APIG.0301', 'Incorrect IAM authentication information: Authorization header malformed');
    const [, ak, signedHeaderList, signature] = match as unknown as [string, string, string, string];
    const key = this.#credentials.keys.find((k) => k.ak === ak);
    if (!key) return reject(401, 'APIG.0301', 'Incorrect IAM authentication information: AK not found');
    const date = headerValue(headers, 'x-sdk-date') ?? '';
    const dateMs = parseSdkDate(date);
    if (dateMs === undefined || Math.abs(this.#now() - dateMs) > SKEW_MS) {
      return reject(401, 'APIG.0301', 'Incorrect IAM authentication information: the X-Sdk-Date is missing or more than 15 minutes off');
    }
    if (key.securityToken !== undefined && headerValue(headers, 'x-security-token') !== key.securityToken) {
      return reject(401, 'APIG.0301', 'Incorrect IAM authentication information: security token invalid');
    }
    const signedNames = signedHeaderList.split(';');
    if (!signedNames.includes('host') || !signedNames.includes('x-sdk-date')) {
      return reject(401, 'APIG.0301', 'Incorrect IAM authentication information: host and x-sdk-date must be signed');
    }
    const url = new URL(rawUrl, 'http://simulator');
    const signedHeaders: Record<string, string> = {};
    for (const name of signedNames) if (name !== 'host' && name !== 'x-sdk-date') signedHeaders[name] = headerValue(headers, name) ?? '';
    const expected = signRequest(
      { method, host: headerValue(headers, 'host') ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), headers: signedHeaders, body },
      { ak: key.ak, sk: key.sk },
      date,
    );
    if (expected.signature !== signature || expected.signedHeaders !== signedHeaderList) {
      // The real gateway echoes its canonical request with `|` for newlines: the best signing diagnostic.
      return reject(401, 'APIG.0301', `Incorrect IAM authentication information: verify aksk signature fail, SignedHeaders:${signedHeaderList}, canonicalRequest:${expected.canonicalRequest.replace(/\n/g, '|')}`);
    }
    return { ok: true, principal: `ak:${ak}` };
  }
}

function reject(status: number, errorCode: string, errorMsg: string): AuthVerdict {
  return { ok: false, status, errorCode, errorMsg };
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseSdkDate(date: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
  if (!m) return undefined;
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}
