/**
 * The misuse test's client: every first-party plugin (connectivity, media, call, call history, click-to-call, call controls, call extras, call reports, call transfers, messaging, voicemail, presence, user, contacts, sip events, proxy) over fakes that
 * record every side effect — fetch requests, websockets and their frames, getUserMedia /
 * getDisplayMedia calls, RTCPeerConnection creations — plus every emitted event.
 */
import { createClient } from '@switchboard/core';
import { connectivityPlugin } from '@switchboard/connectivity';
import { mediaPlugin } from '@switchboard/media';
import {
  FakeWebSocket, asWebSocket, fakeFetch, fakeMediaEnvironment, fakePeerConnections, subscribeResponse, until, type Reply,
} from '@switchboard/test-utils';
import {
  callControlsPlugin, callExtrasPlugin, callHistoryPlugin, callPlugin, callReportPlugin, callTransferPlugin, clickToCallPlugin,
} from '../src/index';
import { messagingPlugin, voicemailPlugin } from '@switchboard/messaging';
import { contactsPlugin, presencePlugin, userPlugin } from '../../presence/src/index';
import { sipEventsPlugin } from '@switchboard/sip-events';
import { proxyPlugin } from '../../proxy/src/index';

/** Replies of the fake gateway: a subscription, a started call, and 200 for anything else. */
function gateway(req: { method: string; path: string }): Reply {
  if (req.method === 'POST' && req.path.endsWith('/subscription')) return { status: 201, body: subscribeResponse(['call']) };
  if (req.method === 'POST' && req.path.endsWith('/callControl')) {
    return { status: 201, body: { callControlResponse: { statusCode: 0, sessionData: 'leg-a-1' } } };
  }
  return { status: 200, body: {} };
}

/** The side effects recorded so far (counts), to compare before/after a case. */
export interface SideEffects {
  requests: number;
  sockets: number;
  frames: number;
  userMedia: number;
  peerConnections: number;
}

/** Builds the client, subscribes to `call`, makes and ends one outgoing call (`endedCallId`). */
export async function createMisuseClient() {
  FakeWebSocket.reset();
  const peers = fakePeerConnections();
  const net = fakeFetch(gateway);
  const media = fakeMediaEnvironment();
  const client = createClient({
    plugins: [
      connectivityPlugin({ fetch: net.fetch, WebSocket: asWebSocket(FakeWebSocket) }),
      mediaPlugin(),
      callPlugin(),
      callHistoryPlugin(),
      clickToCallPlugin(),
      callControlsPlugin(),
      callExtrasPlugin(),
      callReportPlugin(),
      callTransferPlugin(),
      // the proxy plugin owns the media environment and the peer connections (proxy mode off: these fakes)
      proxyPlugin({ environment: media.environment, peerConnectionFactory: peers.factory }),
      messagingPlugin(),
      voicemailPlugin(),
      presencePlugin(),
      userPlugin(),
      contactsPlugin(),
      sipEventsPlugin(),
    ],
    config: {
      logs: { logLevel: 'silent' },
      authentication: { server: { base: 'gw.test', protocol: 'https', port: 8443 } },
      subscription: { websocket: { server: 'ws.test', protocol: 'wss', port: 9443 } },
      connectivity: { checkConnectivity: false },
    },
  });
  const events: Array<{ type: string; payload: unknown }> = [];
  client.subscribe((type, ...args) => void events.push({ type, payload: args[0] }));
  const of = (type: string) => events.filter((e) => e.type === type).map((e) => e.payload);

  client.setCredentials({ username: 'alice@example.com', password: 'secret' });
  client.services.subscribe(['call']);
  await until(() => client.services.getSubscriptions().subscribed.includes('call'));
  const endedCallId = client.call.make('bob', { audio: true });
  await until(() => of('call:start').length > 0);
  if ((of('call:start')[0] as { error?: unknown }).error) throw new Error('misuse fixture: the call did not start');
  client.call.end(endedCallId);
  await until(() => client.call.getById(endedCallId)?.state === client.call.states.ENDED && client.call.getById(endedCallId)!.currentOperations.length === 0);

  const sideEffects = (): SideEffects => ({
    requests: net.requests.length,
    sockets: FakeWebSocket.instances.length,
    frames: FakeWebSocket.instances.reduce((n, ws) => n + ws.sent.length, 0),
    userMedia: media.mediaDevices.userMediaCalls.length + media.mediaDevices.displayMediaCalls.length,
    peerConnections: peers.instances.length,
  });
  return { client, events, fixture: { endedCallId }, sideEffects };
}
