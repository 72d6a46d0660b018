import { describe, expect, it } from 'vitest';
import { backupHostsPath, hssEndpointForRegion, iamEndpointForRegion, isLoopbackHost } from '../../src/hss/endpoints.js';
import { parseApiError, parseThrottleLimit, splitDiagnostic } from '../../src/hss/errors.js';

describe('endpoints', () => {
  it('derives HSS and IAM endpoints from the region, eu-west-101 on .eu', () => {
    expect(hssEndpointForRegion('cn-north-4')).toBe('https://hss.cn-north-4.myhuaweicloud.com');
    expect(hssEndpointForRegion('eu-west-101')).toBe('https://hss.eu-west-101.myhuaweicloud.eu');
    expect(iamEndpointForRegion('ap-southeast-1')).toBe('https://iam.ap-southeast-1.myhuaweicloud.com');
    expect(() => hssEndpointForRegion('cn-north-99')).toThrow(/known: .*eu-west-101/);
  });

  it('builds the path with the project id encoded', () => {
    expect(backupHostsPath('0123abc')).toBe('/v5/0123abc/wtp/backup-hosts');
    expect(backupHostsPath('a/b c')).toBe('/v5/a%2Fb%20c/wtp/backup-hosts');
  });

  it('knows loopback', () => {
    expect(['127.0.0.1', '127.1.2.3', '[::1]', 'localhost'].every(isLoopbackHost)).toBe(true);
    expect(['10.0.0.1', 'hss.example.com', '127.0.0.1.example.com'].some(isLoopbackHost)).toBe(false);
  });
});

describe('API errors', () => {
  it.each([
    ['{"error_code":"HSS.0001","error_msg":"invalid parameter"}', { errorCode: 'HSS.0001', errorMsg: 'invalid parameter' }],
    ['{"code":"APIGW.0101","message":"not found"}', { errorCode: 'APIGW.0101', errorMsg: 'not found' }],
    ['{"error":{"code":"IAM.0002","message":"bad password"}}', { errorCode: 'IAM.0002', errorMsg: 'bad password' }],
    ['<html><title>502 Bad Gateway</title></html>', { errorCode: 'HTTP_502', errorMsg: 'HTML page: 502 Bad Gateway' }],
    ['', { errorCode: 'HTTP_502', errorMsg: 'empty response body' }],
    ['upstream  timed\nout', { errorCode: 'HTTP_502', errorMsg: 'upstream timed out' }],
    ['{"unrelated":1}', { errorCode: 'HTTP_502', errorMsg: '{"unrelated":1}' }],
  ])('%j', (body, expected) => expect(parseApiError(502, body)).toEqual(expected));

  it.each([
    ['The throttling threshold has been reached: policy user over ratelimit,limit:5,time:1 minute', { count: 5, perMs: 60_000 }],
    ['policy ip over ratelimit,limit:100,time:10 second', { count: 100, perMs: 10_000 }],
    ['limit: 2 , time: 1 hour', { count: 2, perMs: 3_600_000 }],
    ['too many requests', undefined],
  ])('reads the limit from %j', (message, expected) => expect(parseThrottleLimit(message)).toEqual(expected));

  it('keeps the APIG.0301 canonical request apart from the summary', () => {
    expect(splitDiagnostic('Incorrect IAM authentication information: verify aksk signature fail, SignedHeaders:host;x-sdk-date, canonicalRequest:PUT|/v5/|')).toEqual({
      summary: 'Incorrect IAM authentication information: verify aksk signature fail',
      diagnostic: 'SignedHeaders:host;x-sdk-date, canonicalRequest:PUT|/v5/|',
    });
    expect(splitDiagnostic('token expired')).toEqual({ summary: 'token expired', diagnostic: undefined });
  });
});
