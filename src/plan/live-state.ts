import type { Clock } from '../delivery/clock.js';
import { Pacer } from '../delivery/pacer.js';
import type { Connection } from '../hss/connect.js';
import { retryPolicyOf } from '../options.js';
import type { RunContext } from '../run-hooks.js';
import { decideRetry, type RetryPolicy } from '../delivery/retry-policy.js';
import { AbortedError } from '../errors.js';
import type { Authenticator } from '../hss/auth/types.js';
import type { CallOutcome, HssClient } from '../hss/client.js';
import { isAuthRejection, parseThrottleLimit } from '../hss/errors.js';
import type { BackupHost } from '../model.js';

/** The largest page ListBackupHostsInfo serves: fewest calls at 5/min. */
export const LIST_PAGE_SIZE = 200;

export interface LiveStateOptions {
  client: HssClient;
  auth: Authenticator;
  /** The List call's own pacer: a different API with its own 5/min budget. */
  pacer: Pacer;
  policy: RetryPolicy;
  clock: Clock;
  random: () => number;
  signal: AbortSignal;
  stats: { listCalls: number; throttled: number };
}

/**
 * Reads every stored backup host, page by page, with the same pacing, retry and abort rules as the
 * PUTs. Any failure is run-level (AbortedError): without the whole list, no row can be judged unchanged.
 */
export async function fetchLiveHosts(options: LiveStateOptions): Promise<Map<string, BackupHost>> {
  const hosts = new Map<string, BackupHost>();
  for (let offset = 0; ; offset += LIST_PAGE_SIZE) {
    const page = await fetchPage(offset, options);
    for (const item of page.items) hosts.set(item.host_id, item);
    if (page.items.length < LIST_PAGE_SIZE || offset + LIST_PAGE_SIZE >= page.total) return hosts;
  }
}

async function fetchPage(offset: number, options: LiveStateOptions): Promise<{ total: number; items: BackupHost[] }> {
  let refreshed = false;
  for (let attempt = 1; ; attempt++) {
    try {
      await options.pacer.acquire(options.signal);
    } catch {
      throw new AbortedError('interrupted while reading the live list');
    }
    const startMs = options.clock.now();
    const outcome = await options.client.listBackupHosts(offset, LIST_PAGE_SIZE, options.signal);
    options.stats.listCalls++;
    if (outcome.kind === 'auth') throw new AbortedError(`credentials rejected reading the live list: ${outcome.message}`);
    if (outcome.kind === 'response' && outcome.status === 200) {
      options.pacer.onSuccess(startMs);
      return parsePage(outcome.body, offset);
    }
    if (outcome.kind === 'response' && isAuthRejection(outcome.status, outcome.errorCode)) {
      if (outcome.status === 401 && !refreshed && options.auth.refresh && (await options.auth.refresh().catch(() => false))) {
        refreshed = true;
        continue;
      }
      throw new AbortedError(`credentials rejected reading the live list: HTTP ${outcome.status} ${outcome.errorCode} ${outcome.errorMsg}`.trim());
    }
    if (outcome.kind === 'response' && outcome.status === 429) {
      options.stats.throttled++;
      options.pacer.onThrottled(startMs, parseThrottleLimit(outcome.errorMsg));
    }
    const decision = decideRetry(attempt, outcome, options.policy, options.random, options.clock.now());
    if (!decision.retry) throw new AbortedError(`reading the live list failed at offset ${offset}: ${describe(outcome)}`);
    try {
      await options.clock.sleep(decision.delayMs, options.signal);
    } catch {
      throw new AbortedError('interrupted while reading the live list');
    }
  }
}

function parsePage(body: string, offset: number): { total: number; items: BackupHost[] } {
  let parsed: { total_num?: unknown; data_list?: unknown };
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    throw new AbortedError(`the live list at offset ${offset} is not JSON`);
  }
  const list = Array.isArray(parsed.data_list) ? (parsed.data_list as Record<string, unknown>[]) : [];
  const items = list
    .filter((item) => typeof item?.['backup_host_id'] === 'string')
    .map((item) => ({
      host_id: item['backup_host_id'] as string,
      backup_host_ip: String(item['backup_host_ip'] ?? ''),
      backup_host_port: Number(item['backup_host_port']),
      backup_dir: String(item['backup_dir'] ?? ''),
    }));
  return { total: typeof parsed.total_num === 'number' ? parsed.total_num : offset + items.length, items };
}

function describe(outcome: CallOutcome): string {
  switch (outcome.kind) {
    case 'response':
      return `HTTP ${outcome.status} ${outcome.errorCode} ${outcome.errorMsg}`.trim();
    case 'network':
      return `${outcome.code} ${outcome.message}`;
    default:
      return outcome.message;
  }
}

/** Reads the live list for a run, on a pacer of its own (ListBackupHostsInfo has its own budget). */
export function readLiveState(context: RunContext, connection: Connection, stats: LiveStateOptions['stats']): Promise<Map<string, BackupHost>> {
  const { config, hooks, clock, log } = context;
  log.info('reading the live list (ListBackupHostsInfo)');
  return fetchLiveHosts({
    client: connection.client,
    auth: connection.auth,
    pacer: new Pacer({ rate: config.rate, burst: config.burst, clock }),
    policy: retryPolicyOf(config),
    clock,
    random: hooks.random ?? Math.random,
    signal: hooks.signal ?? new AbortController().signal,
    stats,
  });
}
