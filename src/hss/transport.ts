import { readFileSync } from 'node:fs';
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import { ConfigError } from '../errors.js';

export interface ProxySettings {
  httpProxy?: string | undefined;
  httpsProxy?: string | undefined;
  noProxy?: string | undefined;
}

export interface TransportOptions {
  /** Connections per origin: the delivery concurrency, so no request waits for a socket. */
  connections: number;
  caFile?: string | undefined;
  /** HTTP(S)_PROXY / NO_PROXY as curl reads them; the CLI passes its environment. */
  proxy?: ProxySettings | undefined;
}

/** Reads proxy settings the way curl does: lower-case names first. */
export function proxyFromEnv(env: NodeJS.ProcessEnv): ProxySettings {
  return {
    httpProxy: env['http_proxy'] || env['HTTP_PROXY'] || undefined,
    httpsProxy: env['https_proxy'] || env['HTTPS_PROXY'] || undefined,
    noProxy: env['no_proxy'] || env['NO_PROXY'] || undefined,
  };
}

/**
 * One keep-alive dispatcher for the run. Proxies go through undici's EnvHttpProxyAgent
 * (CONNECT tunnels, so the proxy resolves the endpoint's name; NO_PROXY honoured).
 */
export function createDispatcher(options: TransportOptions): Dispatcher {
  const ca = options.caFile ? readCa(options.caFile) : undefined;
  const agentOptions = {
    connections: options.connections,
    keepAliveTimeout: 30_000,
    pipelining: 1,
    ...(ca ? { connect: { ca }, requestTls: { ca } } : {}),
  };
  const proxy = options.proxy ?? {};
  if (!proxy.httpProxy && !proxy.httpsProxy) return new Agent(agentOptions);
  return new EnvHttpProxyAgent({
    ...agentOptions,
    // Explicit values (empty string = none), so the agent does not read process.env behind our back.
    httpProxy: proxy.httpProxy ?? '',
    httpsProxy: proxy.httpsProxy ?? proxy.httpProxy ?? '',
    noProxy: proxy.noProxy ?? '',
  });
}

function readCa(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`--ca-file ${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
}
