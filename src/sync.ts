import { resolve as resolvePath } from 'node:path';
import pino from 'pino';
import { systemClock } from './delivery/clock.js';
import type { DeliveryStats, StopReason } from './delivery/deliver.js';
import { runDelivery } from './delivery/run-delivery.js';
import { AbortedError, AuthError, InputError, UsageError } from './errors.js';
import { connect, resolveEndpoint, type Connection } from './hss/connect.js';
import type { HostTable } from './inventory/host-table.js';
import { loadInventory } from './inventory/load.js';
import { scrubSecrets } from './log.js';
import { rawFieldsOf, stoppedRow, type ReportRow } from './model.js';
import { resolveOptions, type SyncOptions } from './options.js';
import { planAgainst, rowsOf, type RowPlan, type StoredState } from './plan/decide.js';
import { readLiveState } from './plan/live-state.js';
import { readSucceededHosts } from './plan/prior-report.js';
import { reportFormatOf } from './report/format.js';
import { LatencyHistogram } from './report/latency.js';
import { exitCodeFor, stopOf, SummaryCollector, type RunSummary } from './report/summary.js';
import { ReportWriter } from './report/writer.js';
import type { RunContext, RunHooks } from './run-hooks.js';
import { DEMO_TOKEN, startSimulator, type Simulator } from './simulator/server.js';

export interface SyncResult extends RunSummary {}

export interface PlanResult extends RunSummary {
  plan: RowPlan;
  /** The rows the plan's indices point into. */
  table: HostTable;
  /** Whether the live list was read (false on a dry run). */
  live: boolean;
}

const silentLogger = pino({ level: 'silent' });

/**
 * Makes the cloud match the inventory: read, validate, dedupe, plan, deliver, report.
 * Run-level problems throw (UsageError, InputError, ConfigError); row outcomes are in the report.
 */
export function syncInventory(options: SyncOptions, hooks: RunHooks = {}): Promise<SyncResult> {
  return run('sync', options, hooks);
}

/** Reads, validates, dedupes and compares with the live list; sends no PUT. */
export function planInventory(options: Omit<SyncOptions, 'dryRun' | 'changedOnly' | 'resume'>, hooks: RunHooks = {}): Promise<PlanResult> {
  return run('plan', options, hooks) as Promise<PlanResult>;
}

async function run(command: 'sync' | 'plan', options: SyncOptions, hooks: RunHooks): Promise<SyncResult | PlanResult> {
  const config = resolveOptions(command === 'plan' ? { ...options, dryRun: false, changedOnly: false, resume: undefined } : options);
  const startedAt = Date.now();
  const log = hooks.logger ?? silentLogger;
  const clock = hooks.clock ?? systemClock;
  // Configuration mistakes surface before the inventory is read, not after minutes of reading it.
  if (!config.simulate && (config.endpoint !== undefined || !config.dryRun)) resolveEndpoint(config, undefined);
  const reportFormat = config.report === undefined ? undefined : reportFormatOf(config.report);
  if (config.report !== undefined && !reportFormat) throw new InputError(`--report ${config.report}: the name must end .csv, .ndjson, .jsonl or .json`);
  if (config.report !== undefined && resolvePath(config.inventory) === resolvePath(`${config.report}.partial`)) {
    throw new UsageError(`the inventory ${config.inventory} is the file --report ${config.report} writes to; name another report`);
  }
  // Read before the report is opened: `--resume r.csv.partial --report r.csv` must not truncate what it resumes from.
  const succeededBefore = config.resume ? await readSucceededHosts(config.resume) : undefined;
  const writer = config.report && reportFormat ? ReportWriter.open(config.report, reportFormat) : undefined;
  if (writer) hooks.onReportOpen?.(writer);
  const collector = new SummaryCollector();
  let connection: Connection | undefined;
  const emit = (row: ReportRow): void => {
    // Server text is data: it may echo headers; no credential reaches the report through it.
    if (row.error_msg && connection) row.error_msg = scrubSecrets(row.error_msg, connection.auth.secrets());
    collector.add(row);
    writer?.write(row);
    hooks.onRow?.(row);
  };

  const context: RunContext = { config, hooks, log, clock, startedAt, emit };
  const stats: DeliveryStats = { sent: 0, retries: 0, throttled: 0, latency: new LatencyHistogram() };
  const listStats = { listCalls: 0, throttled: 0 };
  let simulator: Simulator | undefined;
  let stop: StopReason = { kind: 'completed' };
  let plan: RowPlan = { send: new Uint32Array(0), fieldChanges: new Map(), unchanged: 0, onlyInCloud: 0 };
  let table: HostTable | undefined;
  const readLive = command === 'plan' || (config.changedOnly && !config.dryRun);
  try {
    const loaded = await loadInventory({ path: config.inventory, ...(hooks.stdin ? { stdin: hooks.stdin } : {}) }, config, emit);
    table = loaded.table;
    log.debug({ records: loaded.records, valid: loaded.kept.length }, 'inventory read');
    const needsNetwork = loaded.kept.length > 0 && (readLive || !config.dryRun);
    if (needsNetwork) {
      if (config.simulate) simulator = await startSimulator({ limit: config.simulateLimit });
      const trace = log.isLevelEnabled('trace') ? (event: Record<string, unknown>) => log.trace(event, 'http') : undefined;
      connection = await connect(config, simulator ? { url: simulator.url, token: DEMO_TOKEN } : undefined, trace);
      log.info({ endpoint: connection.endpoint, auth: connection.auth.mode }, 'connected');
    }
    try {
      await connection?.auth.prepare?.().catch((error: unknown) => {
        throw error instanceof AuthError ? new AbortedError(error.message, { cause: error }) : error;
      });
      const stored: StoredState | undefined = succeededBefore && config.resume
        ? { source: 'resume', name: config.resume, hosts: succeededBefore }
        : readLive && connection
          ? { source: 'live', name: 'the live list', hosts: await readLiveState(context, connection, listStats) }
          : undefined;
      plan = planAgainst(loaded.table, loaded.kept, stored, emit);
    } catch (error) {
      if (!(error instanceof AbortedError)) throw error;
      log.error(`aborting: ${error.message}`);
      stop = { kind: 'aborted', message: error.message };
      for (const index of loaded.kept) {
        emit(stoppedRow(loaded.table.lineAt(index), rawFieldsOf(loaded.table.hostAt(index)), 'skipped', 'ABORTED', `run aborted: ${error.message}`));
      }
    }
    const toSend = rowsOf(loaded.table, plan);

    if (stop.kind === 'completed') {
      if (command === 'plan' || config.dryRun || !connection) {
        for (let k = 0; k < toSend.count; k++) {
          const row = toSend.rowAt(k);
          emit(stoppedRow(row.line, rawFieldsOf(row.host), 'planned', '', '', row.change));
        }
      } else {
        stop = await runDelivery(context, toSend, connection, stats);
      }
    }
  } catch (error) {
    if ((error as { exitCode?: number }).exitCode === 2) writer?.discard();
    else writer?.close();
    throw error;
  } finally {
    await connection?.dispatcher.close().catch(() => undefined);
    await simulator?.close();
  }
  writer?.close();

  const summary: RunSummary = {
    counts: collector.counts,
    rows: collector.rows,
    changes: collector.changes,
    requests: { sent: stats.sent, retries: stats.retries, throttled: stats.throttled + listStats.throttled, list_calls: listStats.listCalls },
    latency_ms: stats.latency.summary(),
    duration_ms: Date.now() - startedAt,
    report: config.report ?? null,
    stop: stopOf(stop),
    exit_code: exitCodeFor(collector.counts, stop),
  };
  return command === 'plan' ? { ...summary, plan, table: table!, live: connection !== undefined } : summary;
}
