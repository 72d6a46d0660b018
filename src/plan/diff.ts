import { canonicalIp } from '../inventory/ip.js';
import type { BackupHost } from '../model.js';

export interface FieldChange {
  field: 'backup_host_ip' | 'backup_host_port' | 'backup_dir';
  from: string;
  to: string;
}

export type HostDiff = { change: 'create'; fields: [] } | { change: 'update'; fields: FieldChange[] } | { change: 'none'; fields: [] };

/** Compares what the inventory wants with what the cloud has, on normalised values. */
export function diffHost(desired: BackupHost, live: BackupHost | undefined): HostDiff {
  if (!live) return { change: 'create', fields: [] };
  const fields: FieldChange[] = [];
  if (canonicalIp(desired.backup_host_ip) !== canonicalIp(live.backup_host_ip)) {
    fields.push({ field: 'backup_host_ip', from: live.backup_host_ip, to: desired.backup_host_ip });
  }
  if (desired.backup_host_port !== live.backup_host_port) {
    fields.push({ field: 'backup_host_port', from: String(live.backup_host_port), to: String(desired.backup_host_port) });
  }
  if (desired.backup_dir !== live.backup_dir) fields.push({ field: 'backup_dir', from: live.backup_dir, to: desired.backup_dir });
  return fields.length ? { change: 'update', fields } : { change: 'none', fields: [] };
}
