import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { canonicalUri, canonicalQuery, EMPTY_BODY_SHA256, sdkDate, sha256Hex, signRequest, type SignableRequest } from '../../../src/hss/auth/aksk-signer.js';

const PROJECT = '0123456789abcdef0123456789abcdef';
const HOST = 'hss.cn-north-4.myhuaweicloud.com';
const PATH = `/v5/${PROJECT}/wtp/backup-hosts`;
const HEADERS = { 'Content-Type': 'application/json', 'X-Project-Id': PROJECT };
const CREDENTIALS = { ak: 'AccessKey', sk: 'SecretKey' };
const BODY = '{"host_id":"96ae7317-b5c4-4bc8-aa90-eda53f23e99e","backup_host_ip":"192.168.1.2","backup_host_port":8080,"backup_dir":"/hss/backup"}';

describe('AK/SK signing: the reference test vectors', () => {
  it('signs the PUT exactly', () => {
    expect(sha256Hex(BODY)).toBe('06822444c90c1d6db2d0be181a9fb52df4fd7c83c67047dcbc951f533397892d');
    const signed = signRequest({ method: 'PUT', host: HOST, path: PATH, query: { enterprise_project_id: 'all_granted_eps' }, headers: HEADERS, body: BODY }, CREDENTIALS, '20240101T000000Z');
    expect(signed.signedHeaders).toBe('content-type;host;x-project-id;x-sdk-date');
    expect(signed.signature).toBe('2892f73ac5144fc8edb1e3fece4dee6f027bd2b7d9d2218eccaff8ae8b686b69');
    expect(signed.authorization).toBe(
      'SDK-HMAC-SHA256 Access=AccessKey, SignedHeaders=content-type;host;x-project-id;x-sdk-date, Signature=2892f73ac5144fc8edb1e3fece4dee6f027bd2b7d9d2218eccaff8ae8b686b69',
    );
  });

  it('signs the GET with its sorted query and the empty-body hash', () => {
    const signed = signRequest({ method: 'GET', host: HOST, path: PATH, query: { offset: '0', limit: '200', enterprise_project_id: '0' }, headers: HEADERS, body: '' }, CREDENTIALS, '20240101T000000Z');
    expect(signed.signature).toBe('faf7a65a2bdbea61d0ab69256c91504816764c875e93107f4957843149d86919');
    expect(signed.canonicalRequest.endsWith(EMPTY_BODY_SHA256)).toBe(true);
  });

  it('builds the canonical pieces as the algorithm says', () => {
    expect(canonicalUri('/v5/p/wtp/backup-hosts')).toBe('/v5/p/wtp/backup-hosts/');
    expect(canonicalUri('/a b/ü')).toBe('/a%20b/%C3%BC/');
    expect(canonicalQuery({ b: '2', a: 'x y', 'c~': "!*'()" })).toBe('a=x%20y&b=2&c~=%21%2A%27%28%29');
    expect(sdkDate(Date.UTC(2024, 0, 2, 3, 4, 5))).toBe('20240102T030405Z');
  });
});

// The official SDK core, a devDependency used only here, to prove the hand-written signer identical.
const require = createRequire(import.meta.url);
const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner') as {
  AKSKSigner: { sign(request: unknown, credential: { getAk(): string; getSk(): string }): Record<string, string> };
};

function sdkAuthorization(request: SignableRequest, date: string, ak: string, sk: string, data: unknown): string {
  const headers: Record<string, string> = { ...request.headers, 'X-Sdk-Date': date, host: request.host };
  const signed = AKSKSigner.sign(
    { method: request.method, endpoint: `https://${request.host}${request.path}`, headers, queryParams: request.query, data },
    { getAk: () => ak, getSk: () => sk },
  );
  return signed['Authorization']!;
}

describe('AK/SK signing: byte-identical to the official SDK', () => {
  const ids = ['96ae7317-b5c4-4bc8-aa90-eda53f23e99e', 'host with spaces', 'ünïcödé-主机', "quote'n(star)*!~", 'a/b?c=d&e'];
  const dirs = ['/hss/backup', '/data/with space', '/备份/路径', '/x,y;z'];
  const queries: Record<string, string>[] = [
    {},
    { enterprise_project_id: 'all_granted_eps' },
    { enterprise_project_id: '0', limit: '200', offset: '400' },
    { enterprise_project_id: 'proj with space ü', limit: '10', offset: '0' },
  ];
  const hosts = [HOST, '127.0.0.1:8780', 'hss.eu-west-101.myhuaweicloud.eu:8443'];
  const cases: { request: SignableRequest; data: unknown; label: string }[] = [];
  let n = 0;
  for (const id of ids) {
    for (const query of queries) {
      const host = hosts[n % hosts.length]!;
      const dir = dirs[n % dirs.length]!;
      const object = { host_id: id, backup_host_ip: n % 2 ? '2001:db8::1' : '192.168.1.2', backup_host_port: 1000 + n, backup_dir: dir };
      const method = n % 3 === 0 ? 'GET' : 'PUT';
      const headers: Record<string, string> = { ...HEADERS, ...(n % 4 === 1 ? { 'X-Security-Token': `temp-token-${n}` } : {}) };
      const body = method === 'GET' ? '' : JSON.stringify(object);
      cases.push({ request: { method, host, path: PATH, query, headers, body }, data: method === 'GET' ? undefined : object, label: `${method} ${host} ${JSON.stringify(query)} ${id}` });
      n++;
    }
  }

  it.each(cases)('$label', ({ request, data }) => {
    const date = '20261204T101530Z';
    const ours = signRequest(request, { ak: 'AKIDEXAMPLE', sk: 'sk/with+chars=' }, date).authorization;
    expect(ours).toBe(sdkAuthorization(request, date, 'AKIDEXAMPLE', 'sk/with+chars=', data));
  });
});
