import type { BackupHost } from '../model.js';

/** The server side of the contract: what HSS itself would refuse with HSS.0001. */
export function validateStoredHost(body: string): { ok: true; host: BackupHost } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { ok: false, message: 'Invalid parameter: the request body is not JSON' };
  }
  const object = (value ?? {}) as Record<string, unknown>;
  const text = (key: string): boolean => typeof object[key] === 'string' && (object[key] as string).length >= 1 && (object[key] as string).length <= 256;
  if (!text('host_id')) return { ok: false, message: 'Invalid parameter: host_id' };
  if (!text('backup_host_ip')) return { ok: false, message: 'Invalid parameter: backup_host_ip' };
  const port = object['backup_host_port'];
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 0 || port > 65535) {
    return { ok: false, message: 'Invalid parameter: backup_host_port must be an integer 0-65535' };
  }
  if (!text('backup_dir')) return { ok: false, message: 'Invalid parameter: backup_dir' };
  return {
    ok: true,
    host: { host_id: object['host_id'] as string, backup_host_ip: object['backup_host_ip'] as string, backup_host_port: port, backup_dir: object['backup_dir'] as string },
  };
}
