import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BackupHost } from '../model.js';
import type { Rate } from '../units.js';
import { SimulatorAuth, type SimulatorCredentials } from './auth.js';
import { SlidingWindow } from './sliding-window.js';
import { validateStoredHost } from './validate-body.js';

/** What a test may script for one request: a canned answer, a dropped connection, or silence. */
export type ScriptedFault =
  | { kind: 'respond'; status: number; body?: string; headers?: Record<string, string> }
  | { kind: 'reset' }
  | { kind: 'reset-after-apply' }
  | { kind: 'hang' }
  | { kind: 'hang-after-apply' }
  /** Headers of a 200, part of a body, then silence. */
  | { kind: 'stall-body' }
  /** Applies the call, answers, and closes the connection (`Connection: close`). */
  | { kind: 'close-after-apply' };

export interface SimulatorOptions {
  /** @default 0 (any free port) */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Per principal and API, sliding window. @default 5/min, the real default */
  limit?: Rate;
  /** Fraction of calls answered with an injected 5xx. @default 0 */
  failRate?: number;
  /** Added before each answer. @default 0 */
  latencyMs?: number;
  credentials?: Partial<SimulatorCredentials>;
  /** Hosts already stored, as the List call will return them. */
  initialHosts?: BackupHost[];
  random?: () => number;
  now?: () => number;
  /** Test hook, asked before each API call is handled. */
  fault?: (call: { method: string; path: string; index: number; body: string }) => ScriptedFault | undefined;
}

export interface StoredHost {
  backup_host_id: string;
  backup_host_name: string;
  backup_host_ip: string;
  backup_host_port: number;
  backup_dir: string;
  backup_host_status: number;
}

export interface SimulatorStats {
  /** Every request received, API or IAM. */
  requests: number;
  /** PUTs received, whatever their answer. */
  puts: number;
  /** PUTs that stored a host. */
  stored: number;
  gets: number;
  throttled: number;
  authRejected: number;
  injectedFailures: number;
  /** IAM password logins answered with a token. */
  iamLogins: number;
}

export const DEMO_TOKEN = 'demo-token';
export const DEMO_AK = 'DEMOACCESSKEY';
export const DEMO_SK = 'demo-secret-key';

export interface Simulator {
  url: string;
  hosts: Map<string, StoredHost>;
  stats: SimulatorStats;
  /** Bodies of the PUTs received, in order. */
  putBodies: string[];
  /** Request headers seen, for tests that check what was (not) sent. */
  seenHeaders: Record<string, string | string[] | undefined>[];
  close(): Promise<void>;
}

/** Starts a loopback HSS API: PUT and GET backup-hosts, IAM tokens, rate limits, faults. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const limit = options.limit ?? { count: 5, perMs: 60_000 };
  const windows = { PUT: new SlidingWindow(limit.count, limit.perMs), GET: new SlidingWindow(limit.count, limit.perMs) };
  const credentials: SimulatorCredentials = {
    tokens: options.credentials?.tokens ?? [DEMO_TOKEN],
    keys: options.credentials?.keys ?? [{ ak: DEMO_AK, sk: DEMO_SK }],
    users: options.credentials?.users ?? [],
    tokenTtlMs: options.credentials?.tokenTtlMs ?? 24 * 3_600_000,
  };
  const auth = new SimulatorAuth(credentials, now);
  const hosts = new Map<string, StoredHost>();
  for (const host of options.initialHosts ?? []) hosts.set(host.host_id, toStored(host));
  const stats: SimulatorStats = { requests: 0, puts: 0, stored: 0, gets: 0, throttled: 0, authRejected: 0, injectedFailures: 0, iamLogins: 0 };
  const putBodies: string[] = [];
  const seenHeaders: Simulator['seenHeaders'] = [];
  let callIndex = 0;

  const server: Server = createServer(async (req, res) => {
    stats.requests++;
    seenHeaders.push(req.headers);
    res.setHeader('X-Request-Id', randomUUID().replace(/-/g, ''));
    let body: string;
    try {
      body = await readBody(req);
    } catch {
      res.destroy();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://simulator');
    if (req.method === 'POST' && url.pathname === '/v3/auth/tokens') return answerIam(res, body);

    const match = /^\/v5\/([^/]+)\/wtp\/backup-hosts\/?$/.exec(url.pathname);
    if (!match || (req.method !== 'PUT' && req.method !== 'GET')) {
      return sendJson(res, 404, { error_code: 'APIG.0101', error_msg: 'The API does not exist or has not been published in the environment.' });
    }
    const method = req.method;
    if (method === 'PUT') {
      stats.puts++;
      putBodies.push(body);
    } else stats.gets++;

    const fault = options.fault?.({ method, path: url.pathname, index: callIndex++, body });
    if (fault?.kind === 'reset') return void res.destroy();
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'stall-body') {
      res.writeHead(200, { 'Content-Length': '100' });
      return void res.write('{"partial":');
    }
    if (fault?.kind === 'respond') {
      res.writeHead(fault.status, fault.headers ?? {});
      return void res.end(fault.body ?? '');
    }

    const verdict = auth.verify(method, req.url ?? '/', req.headers, body);
    if (!verdict.ok) {
      stats.authRejected++;
      return sendJson(res, verdict.status, { error_code: verdict.errorCode, error_msg: verdict.errorMsg, request_id: res.getHeader('X-Request-Id') });
    }
    if (!windows[method].tryAcquire(verdict.principal, now())) {
      stats.throttled++;
      return sendJson(res, 429, { error_code: 'APIG.0308', error_msg: windows[method].message('user') });
    }
    if (options.latencyMs) await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
    if (options.failRate && random() < options.failRate) {
      stats.injectedFailures++;
      const unavailable = random() < 0.5;
      return sendJson(res, unavailable ? 503 : 500, unavailable
        ? { error_code: 'APIG.0201', error_msg: 'Backend unavailable (simulated)' }
        : { error_code: 'HSS.0002', error_msg: 'Internal server error (simulated)' });
    }
    if (method === 'GET') return answerList(res, url.searchParams, hosts);

    const parsed = validateStoredHost(body);
    if (!parsed.ok) return sendJson(res, 400, { error_code: 'HSS.0001', error_msg: parsed.message, request_id: res.getHeader('X-Request-Id') });
    hosts.set(parsed.host.host_id, toStored(parsed.host));
    stats.stored++;
    if (fault?.kind === 'reset-after-apply') return void res.destroy();
    if (fault?.kind === 'hang-after-apply') return;
    if (fault?.kind === 'close-after-apply') {
      res.writeHead(200, { 'Content-Length': '0', Connection: 'close' });
      return void res.end();
    }
    res.writeHead(200, { 'Content-Length': '0' });
    res.end();
  });

  function answerIam(res: ServerResponse, body: string): void {
    let name = '', password = '', domain = '';
    try {
      const user = JSON.parse(body).auth.identity.password.user;
      ({ name, password } = user);
      domain = user.domain.name;
    } catch {
      return sendJson(res, 400, { error: { code: 'IAM.0001', message: 'The request body is invalid.' } });
    }
    const issued = auth.issueToken(name, password, domain);
    if (!issued) return sendJson(res, 401, { error: { code: 'IAM.0002', message: 'The username or password is wrong.' } });
    stats.iamLogins++;
    res.setHeader('X-Subject-Token', issued.token);
    sendJson(res, 201, { token: { expires_at: issued.expiresAt.toISOString(), methods: ['password'] } });
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  const hostText = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${hostText}:${address.port}`,
    hosts,
    stats,
    putBodies,
    seenHeaders,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function answerList(res: ServerResponse, query: URLSearchParams, hosts: Map<string, StoredHost>): void {
  const limit = Number(query.get('limit') ?? '10');
  const offset = Number(query.get('offset') ?? '0');
  if (!Number.isInteger(limit) || limit < 10 || limit > 200 || !Number.isInteger(offset) || offset < 0 || offset > 2_000_000) {
    return sendJson(res, 400, { error_code: 'HSS.0001', error_msg: 'Invalid parameter: limit must be 10-200 and offset 0-2000000' });
  }
  const all = [...hosts.values()];
  sendJson(res, 200, { total_num: all.length, data_list: all.slice(offset, offset + limit) });
}

function toStored(host: BackupHost): StoredHost {
  return {
    backup_host_id: host.host_id,
    backup_host_name: `backup-${host.host_id.slice(0, 8)}`,
    backup_host_ip: host.backup_host_ip,
    backup_host_port: host.backup_host_port,
    backup_dir: host.backup_dir,
    backup_host_status: 1,
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
