/**
 * `callReportPlugin()`: adds `getReport`, `reportEvents` and `metrics` (seed 000) to the `call`
 * namespace. Install it when the client is created: a call's report covers what happened while the
 * plugin was installed. A separate import: a client without it pays nothing for it.
 */
import { definePlugin } from '@switchboard/core';
import { assertString } from '../api/validate';
import type { CallAvailableCodecsEvent, CallMediaConnectionChangeEvent, CallOperationEvent } from '../events';
import { callTokens } from '../tokens';
import { CallReports } from './CallReports';
import { metrics, reportEvents } from './constants';
import { recordRequests } from './restRequests';
import type { CallReport } from './types';

/** What `callReportPlugin()` adds to `client.call`. @public */
export interface CallReportApi {
  /**
   * The report of a call: its `timeline` (one event per operation, with `start`/`end`, each with
   * the `timeline` of its steps: GET_USER_MEDIA, PROCESS_MEDIA_LOCAL › ICE_COLLECTION ›
   * RELAY_CANDIDATE_COLLECTED, REST_REQUEST) and the `metrics` computed so far (`CALL_DURATION`
   * once it ended, `TIME_TO_MAKE`, `MAKE_CALL_LOCAL_SETUP`, …; ms).
   * @throws TypeError when `callId` is not a string; BasicError `CALL_NOT_FOUND` for an unknown call.
   */
  getReport(callId: string): CallReport;
  /** Event types of a report's timeline. */
  readonly reportEvents: typeof reportEvents;
  /** Metric types of a report. */
  readonly metrics: typeof metrics;
}

/** The report plugin's version. @public */
export const CALL_REPORT_PLUGIN_VERSION = '0.1.0';

/**
 * Creates the call-report plugin (id `call-report`; it needs `call`).
 * @example
 * ```ts
 * const client = createClient({ plugins: [connectivityPlugin(), mediaPlugin(), callPlugin(), callReportPlugin()] })
 * const report = client.call.getReport(callId)
 * const duration = report.metrics.find((m) => m.type === client.call.metrics.CALL_DURATION)?.data
 * ```
 * @public
 */
export function callReportPlugin() {
  return definePlugin({
    id: 'call-report',
    version: CALL_REPORT_PLUGIN_VERSION,
    sdkRange: '^0.1.0',
    dependsOn: ['call'],
    deps: { calls: callTokens.calls, lookup: callTokens.lookup, backend: callTokens.backend },
    register(ctx): {
      api: {
        /** The members added to the `call` namespace. */
        call: CallReportApi;
      };
      dispose: () => void;
    } {
      const reports = new CallReports(ctx.deps.calls, ctx.deps.lookup);
      const restoreBackend = recordRequests(ctx.deps.backend, (method, sessionId) => reports.request(method, sessionId));
      const onOperation = (e: CallOperationEvent) => reports.onOperation(e);
      const onMedia = (e: CallMediaConnectionChangeEvent) => reports.onMediaConnection(e.callId);
      const onReceive = (e: { callId: string }) => reports.onReceive(e.callId);
      const onCodecs = (e: CallAvailableCodecsEvent) => reports.onAvailableCodecs(e.kind);
      ctx.events.on('call:operation', onOperation);
      ctx.events.on('call:receive', onReceive);
      ctx.events.on('call:mediaConnectionChange', onMedia);
      ctx.events.on('call:availableCodecs', onCodecs);
      const api: CallReportApi = {
        getReport: (callId: string) => {
          assertString('getReport', 'callId', callId);
          return reports.report(callId);
        },
        reportEvents,
        metrics,
      };
      return {
        api: { call: Object.freeze(api) },
        dispose: () => {
          ctx.events.off('call:operation', onOperation);
          ctx.events.off('call:receive', onReceive);
          ctx.events.off('call:mediaConnectionChange', onMedia);
          ctx.events.off('call:availableCodecs', onCodecs);
          restoreBackend();
          reports.dispose();
        },
      };
    },
  });
}
