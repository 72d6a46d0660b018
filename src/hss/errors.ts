/** What an error response says, in whichever of the API's shapes it came. */
export interface ApiError {
  errorCode: string;
  errorMsg: string;
}

const MAX_MESSAGE = 500;

/**
 * Reads `{error_code, error_msg}`, `{code, message}` or `{error: {code, message}}` (the shapes the
 * official SDKs accept). HTML, empty or non-JSON bodies (a proxy, a plain nginx) become
 * `HTTP_<status>` with a short text, so every failed row still says something useful.
 */
export function parseApiError(status: number, body: string): ApiError {
  const fallback: ApiError = { errorCode: `HTTP_${status}`, errorMsg: describeBody(body) };
  const trimmed = body.trim();
  if (!trimmed.startsWith('{')) return fallback;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return fallback;
  }
  const object = asObject(parsed);
  const nested = asObject(object?.['error']);
  const code = pickString(object, 'error_code') ?? pickString(object, 'code') ?? pickString(nested, 'code');
  const message = pickString(object, 'error_msg') ?? pickString(object, 'message') ?? pickString(nested, 'message');
  if (code === undefined && message === undefined) return fallback;
  return { errorCode: code ?? fallback.errorCode, errorMsg: clip(message ?? '') };
}

function describeBody(body: string): string {
  const trimmed = body.trim();
  if (trimmed === '') return 'empty response body';
  if (/^<(!doctype|html)/i.test(trimmed)) {
    const title = /<title>([^<]*)<\/title>/i.exec(trimmed)?.[1]?.trim();
    return title ? `HTML page: ${clip(title)}` : 'HTML page instead of a JSON error';
  }
  return clip(trimmed.replace(/\s+/g, ' '));
}

function clip(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE - 3)}...` : text;
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function pickString(object: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = object?.[key];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** Codes that mean the credentials themselves are wrong: stop at once, before an AK/SK pair is locked. */
const AUTH_ERROR_CODES = new Set(['APIG.0301', 'APIG.0302', 'APIG.0303', 'APIG.0305', 'APIG.0307', 'APIGW.0301', 'APIGW.0307']);

export function isAuthRejection(status: number, errorCode: string): boolean {
  return status === 401 || status === 403 || AUTH_ERROR_CODES.has(errorCode);
}

/** `limit:5,time:1 minute` in an APIG.0308 message: the server's own statement of its limit. */
export function parseThrottleLimit(message: string): { count: number; perMs: number } | undefined {
  const match = /limit:\s*(\d+)\s*,\s*time:\s*(\d+)\s*(second|minute|hour|day)/i.exec(message);
  if (!match) return undefined;
  const unitMs = { second: 1000, minute: 60_000, hour: 3_600_000, day: 86_400_000 }[match[3]!.toLowerCase() as 'second'];
  const count = Number(match[1]);
  const perMs = Number(match[2]) * unitMs;
  return count > 0 && perMs > 0 ? { count, perMs } : undefined;
}

/**
 * APIG.0301 messages echo the gateway's canonical request: the best signing diagnostic, but long
 * and full of header values. The summary goes in reports and errors; the rest only to debug logs.
 */
export function splitDiagnostic(message: string): { summary: string; diagnostic: string | undefined } {
  const at = message.search(/,?\s*(SignedHeaders:|canonicalRequest:|CanonicalRequest)/);
  if (at === -1) return { summary: message, diagnostic: undefined };
  return { summary: message.slice(0, at).trim(), diagnostic: message.slice(at).replace(/^,\s*/, '') };
}

/** Certificate problems are configuration, not bad luck: retrying every row would not help. */
export function isTlsConfigError(code: string): boolean {
  return /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL/.test(code);
}
