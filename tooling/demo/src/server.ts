/** The gateway the demo talks to: the origin that served it (http → ws, https → wss). */
import type { SdkConfigInput } from '@switchboard/sdk';

/** The part of `location` the demo needs. */
export type Origin = Pick<Location, 'protocol' | 'hostname' | 'port'>;

/** `authentication` and `subscription` config for the gateway at `origin`. */
export function serverConfig(origin: Origin): SdkConfigInput {
  const secure = origin.protocol === 'https:';
  const port = origin.port ? Number(origin.port) : secure ? 443 : 80;
  return {
    logs: { logLevel: 'warn' },
    authentication: { server: { base: origin.hostname, protocol: secure ? 'https' : 'http', port } },
    subscription: { websocket: { server: origin.hostname, protocol: secure ? 'wss' : 'ws', port } },
  };
}
