import { readFileSync } from 'node:fs';
import { Agent, EnvHttpProxyAgent, type Dispatcher } from 'undici';
import { ConfigError } from '../errors.js';

export interface TransportOptions {
  /** Connections per origin: the delivery concurrency, so no request waits for a socket. */
  connections: number;
  caFile?: string | undefined;
}

/**
 * One keep-alive dispatcher for the run. HTTPS_PROXY / HTTP_PROXY / NO_PROXY are honoured through
 * undici's EnvHttpProxyAgent (CONNECT tunnels, so the proxy resolves the endpoint's name).
 */
export function createDispatcher(options: TransportOptions, env: NodeJS.ProcessEnv = process.env): Dispatcher {
  const ca = options.caFile ? readCa(options.caFile) : undefined;
  const agentOptions = {
    connections: options.connections,
    keepAliveTimeout: 30_000,
    pipelining: 1,
    ...(ca ? { connect: { ca }, requestTls: { ca } } : {}),
  };
  const proxied = ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((name) => env[name]);
  return proxied ? new EnvHttpProxyAgent(agentOptions) : new Agent(agentOptions);
}

function readCa(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`--ca-file ${path}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
}
