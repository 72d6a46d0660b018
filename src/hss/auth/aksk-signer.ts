import { createHash, createHmac } from 'node:crypto';

/**
 * SDK-HMAC-SHA256 request signing, byte-identical to the official SDK's AKSKSigner
 * (checked by test/hss/auth/aksk-sdk-crosscheck.test.ts).
 */
export const SIGNING_ALGORITHM = 'SDK-HMAC-SHA256';
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export interface SignableRequest {
  method: string;
  /** Host with the port when the URL has one, as sent in the Host header. */
  host: string;
  /** The path as sent (percent-encoded), without the query. */
  path: string;
  query: Record<string, string>;
  /** Headers to sign besides host (names any case). */
  headers: Record<string, string>;
  body: string;
}

export interface AkSkCredentials {
  ak: string;
  sk: string;
}

/** `YYYYMMDDTHHMMSSZ` in UTC. */
export function sdkDate(nowMs: number): string {
  return new Date(nowMs).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

/** RFC 3986 unreserved characters stay; everything else as %XX of its UTF-8 bytes. */
export function signingEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function canonicalUri(path: string): string {
  const encoded = path
    .split('/')
    .map((segment) => signingEncode(decodeURIComponent(segment)))
    .join('/');
  return encoded.endsWith('/') ? encoded : `${encoded}/`;
}

export function canonicalQuery(query: Record<string, string>): string {
  return Object.keys(query)
    .sort()
    .map((key) => `${signingEncode(key)}=${signingEncode(query[key]!)}`)
    .join('&');
}

export function sha256Hex(data: string): string {
  return createHash('sha256').update(data, 'utf8').digest('hex');
}

export interface Signature {
  signedHeaders: string;
  signature: string;
  canonicalRequest: string;
  authorization: string;
}

export function signRequest(request: SignableRequest, credentials: AkSkCredentials, date: string): Signature {
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(request.headers)) headers.set(name.toLowerCase(), value);
  headers.set('host', request.host);
  headers.set('x-sdk-date', date);
  const names = [...headers.keys()].sort();
  const signedHeaders = names.join(';');
  const canonicalHeaders = names.map((name) => `${name}:${headers.get(name)}\n`).join('');
  const payloadHash = request.body === '' ? EMPTY_BODY_SHA256 : sha256Hex(request.body);
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalUri(request.path),
    canonicalQuery(request.query),
    canonicalHeaders,
    signedHeaders,
    payloadHash,
  ].join('\n');
  const stringToSign = `${SIGNING_ALGORITHM}\n${date}\n${sha256Hex(canonicalRequest)}`;
  const signature = createHmac('sha256', credentials.sk).update(stringToSign, 'utf8').digest('hex');
  return {
    signedHeaders,
    signature,
    canonicalRequest,
    authorization: `${SIGNING_ALGORITHM} Access=${credentials.ak}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}
