/** The four API fields of UpdateBackupHostInfo, validated. */
export interface BackupHost {
  host_id: string;
  backup_host_ip: string;
  backup_host_port: number;
  backup_dir: string;
}

export const HOST_FIELDS = ['host_id', 'backup_host_ip', 'backup_host_port', 'backup_dir'] as const;
export type HostField = (typeof HOST_FIELDS)[number];

/** The API fields as read (after mapping and defaults), before validation. */
export type RawHostFields = Record<HostField, string>;

export type RowStatus =
  | 'succeeded'
  | 'failed'
  | 'invalid'
  | 'duplicate'
  | 'conflict'
  | 'unchanged'
  | 'skipped'
  | 'planned';

export type RowChange = '' | 'create' | 'update';

/** One row of the report: exactly one per input record. Column order is a contract (REPORT_COLUMNS). */
export interface ReportRow {
  line: number;
  host_id: string;
  backup_host_ip: string;
  backup_host_port: string;
  backup_dir: string;
  status: RowStatus;
  change: RowChange;
  http_status: number | '';
  attempts: number;
  error_code: string;
  error_msg: string;
  request_id: string;
  duration_ms: number | '';
}

export const REPORT_COLUMNS = [
  'line',
  'host_id',
  'backup_host_ip',
  'backup_host_port',
  'backup_dir',
  'status',
  'change',
  'http_status',
  'attempts',
  'error_code',
  'error_msg',
  'request_id',
  'duration_ms',
] as const satisfies readonly (keyof ReportRow)[];

/** A record that passed validation, with its position in the source. */
export interface HostRow {
  line: number;
  host: BackupHost;
}

export function rawFieldsOf(host: BackupHost): RawHostFields {
  return {
    host_id: host.host_id,
    backup_host_ip: host.backup_host_ip,
    backup_host_port: String(host.backup_host_port),
    backup_dir: host.backup_dir,
  };
}

/** A report row for a record that stopped before delivery. */
export function stoppedRow(
  line: number,
  fields: RawHostFields,
  status: RowStatus,
  errorCode: string,
  errorMsg: string,
  change: RowChange = '',
): ReportRow {
  return {
    line,
    ...fields,
    status,
    change,
    http_status: '',
    attempts: 0,
    error_code: errorCode,
    error_msg: errorMsg,
    request_id: '',
    duration_ms: '',
  };
}
