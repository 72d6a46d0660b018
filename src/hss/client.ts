import type { Dispatcher } from 'undici';
import type { BackupHost } from '../model.js';
import type { Authenticator, OutgoingRequest } from './auth/types.js';
import { backupHostsPath } from './endpoints.js';
import { parseApiError } from './errors.js';

export interface HssClientOptions {
  endpoint: string;
  projectId: string;
  enterpriseProjectId?: string | undefined;
  auth: Authenticator;
  dispatcher: Dispatcher;
  timeoutMs: number;
  /** Told of every attempt, headers included (the logger redacts them): for --log-level trace. */
  trace?: ((event: Record<string, unknown>) => void) | undefined;
}

/** The result of one HTTP attempt, whatever happened. Decisions about it are made elsewhere. */
export type CallOutcome =
  | {
      kind: 'response';
      status: number;
      requestId: string;
      retryAfter: string | undefined;
      location: string | undefined;
      errorCode: string;
      errorMsg: string;
      body: string;
    }
  | { kind: 'network'; code: string; message: string }
  | { kind: 'timeout'; message: string }
  | { kind: 'aborted'; message: string }
  /** No credentials could be had for the call (an IAM login failed mid-run). */
  | { kind: 'auth'; message: string };

/** Error bodies are short; a server that sends megabytes gets cut off here. */
const MAX_BODY_BYTES = 64 * 1024;

export class HssClient {
  readonly #origin: string;
  readonly #host: string;
  readonly #path: string;
  readonly #options: HssClientOptions;
  /** Every PUT has the same query: built once, not per call. */
  readonly #putQuery: Record<string, string>;
  readonly #putSearch: string;

  constructor(options: HssClientOptions) {
    const url = new URL(options.endpoint);
    this.#origin = url.origin;
    this.#host = url.host;
    this.#path = url.pathname.replace(/\/+$/, '') + backupHostsPath(options.projectId);
    this.#options = options;
    this.#putQuery = this.#baseQuery();
    this.#putSearch = new URLSearchParams(this.#putQuery).toString();
  }

  /**
   * UpdateBackupHostInfo: the body is exactly the four fields, the port a JSON number.
   * `stopped` is the run's hard stop; aborting it does not cancel the call (destroy the dispatcher).
   */
  putBackupHost(host: BackupHost, stopped?: AbortSignal): Promise<CallOutcome> {
    const body = JSON.stringify({
      host_id: host.host_id,
      backup_host_ip: host.backup_host_ip,
      backup_host_port: host.backup_host_port,
      backup_dir: host.backup_dir,
    });
    return this.#call('PUT', this.#putQuery, this.#putSearch, body, stopped);
  }

  /** ListBackupHostsInfo, one page. */
  listBackupHosts(offset: number, limit: number, stopped?: AbortSignal): Promise<CallOutcome> {
    const query = { ...this.#baseQuery(), limit: String(limit), offset: String(offset) };
    return this.#call('GET', query, new URLSearchParams(query).toString(), '', stopped);
  }

  #baseQuery(): Record<string, string> {
    const id = this.#options.enterpriseProjectId;
    return id === undefined ? {} : { enterprise_project_id: id };
  }

  /** `search` is `query` as the URL carries it; `query` is what gets signed. */
  async #call(method: 'GET' | 'PUT', query: Record<string, string>, search: string, body: string, stopped?: AbortSignal): Promise<CallOutcome> {
    const request: OutgoingRequest = {
      method,
      host: this.#host,
      path: this.#path,
      query,
      headers: { 'Content-Type': 'application/json', 'X-Project-Id': this.#options.projectId },
      body,
    };
    try {
      await this.#options.auth.authorize(request);
    } catch (error) {
      return { kind: 'auth', message: error instanceof Error ? error.message : String(error) };
    }
    try {
      // undici's own per-request timeouts: no AbortController, timer and listener per call, which
      // cost more than the rest of the request at thousands of calls a second. A hard stop
      // destroys the dispatcher instead; `stopped` only tells that apart from a network error.
      const response = await this.#options.dispatcher.request({
        origin: this.#origin,
        method,
        path: search ? `${request.path}?${search}` : request.path,
        headers: request.headers,
        body: method === 'GET' ? null : body,
        headersTimeout: this.#options.timeoutMs,
        bodyTimeout: this.#options.timeoutMs,
      });
      const status = response.statusCode;
      const ok = status >= 200 && status < 300;
      // The body is read to its end either way: a 200 whose body never completes is not a success
      // (undici's dump() would resolve on such a broken stream). Error bodies are capped.
      const text = ok ? await response.body.text() : await readCapped(response.body);
      const headers = response.headers;
      this.#options.trace?.({ method, path: request.path, query, status, request_id: headers['x-request-id'], headers: request.headers, response_body: text.slice(0, 500) });
      const apiError = ok ? NO_ERROR : parseApiError(status, text);
      return {
        kind: 'response',
        status,
        requestId: headerOf(headers, 'x-request-id'),
        retryAfter: ok ? undefined : headerOf(headers, 'retry-after') || undefined,
        location: ok ? undefined : headerOf(headers, 'location') || undefined,
        errorCode: apiError.errorCode,
        errorMsg: apiError.errorMsg,
        body: text,
      };
    } catch (error) {
      this.#options.trace?.({ method, path: request.path, query, error: (error as Error).message, headers: request.headers });
      if (stopped?.aborted) return { kind: 'aborted', message: 'stopped while the request was in flight' };
      return classifyNetworkError(error, this.#options.timeoutMs);
    }
  }
}

const NO_ERROR = { errorCode: '', errorMsg: '' };

function headerOf(headers: Record<string, string | string[] | undefined>, name: string): string {
  const value = headers[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

async function readCapped(body: Dispatcher.ResponseData['body']): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = chunk as Buffer;
    if (size < MAX_BODY_BYTES) chunks.push(buffer.subarray(0, MAX_BODY_BYTES - size));
    size += buffer.length;
  }
  return Buffer.concat(chunks).toString('utf8');
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'ETIMEDOUT']);

function classifyNetworkError(error: unknown, timeoutMs: number): CallOutcome {
  const cause = (error as { cause?: unknown }).cause;
  const code = codeOf(error) ?? codeOf(cause) ?? 'ENETWORK';
  const message = messageOf(error, cause);
  if (TIMEOUT_CODES.has(code)) return { kind: 'timeout', message: `no complete response within ${timeoutMs}ms (${code})` };
  // undici reports a socket the server closed mid-exchange as UND_ERR_SOCKET: a reset to the caller.
  const normalized = code === 'UND_ERR_SOCKET' || code === 'EPIPE' ? 'ECONNRESET' : code;
  return { kind: 'network', code: normalized, message };
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

function messageOf(error: unknown, cause: unknown): string {
  const outer = error instanceof Error ? error.message : String(error);
  const inner = cause instanceof Error ? cause.message : '';
  return inner && !outer.includes(inner) ? `${outer}: ${inner}` : outer;
}
