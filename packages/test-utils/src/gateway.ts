/**
 * `@switchboard/test-utils/gateway` (Node only): the real reference gateway in-process, for
 * integration tests.
 * @packageDocumentation
 */
export { DEMO_USERS, hmacToken, startGateway } from './gateway/start';
export type {
  GatewayCall, GatewayLeg, GatewayMwiCounts, GatewaySubscription, GatewayTestHooks, GatewayTimingEvent, GatewayUser, StartGatewayOptions, TestGateway,
} from './gateway/types';
