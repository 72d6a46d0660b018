/**
 * hss-backup-sync as a library. The CLI is a thin layer over these.
 * @example
 * const summary = await syncInventory({ inventory: 'hosts.csv', region: 'cn-north-4', projectId, credentials: { ak, sk }, report: 'r.csv' });
 */
export { syncInventory, planInventory, type SyncResult, type PlanResult } from './sync.js';
export type { RunHooks, ProgressSnapshot } from './run-hooks.js';
export { startSimulator, DEMO_TOKEN, DEMO_AK, DEMO_SK, type Simulator, type SimulatorOptions, type ScriptedFault } from './simulator/server.js';
export type { SyncOptions, Credentials } from './options.js';
export type { RunSummary } from './report/summary.js';
export type { ReportRow, RowStatus, BackupHost } from './model.js';
export { REPORT_COLUMNS } from './model.js';
export { SyncError, UsageError, InputError, ConfigError, AuthError, AbortedError } from './errors.js';
export { signRequest, sdkDate } from './hss/auth/aksk-signer.js';
export { diffHost } from './plan/diff.js';
export { shardOf } from './inventory/shard.js';
