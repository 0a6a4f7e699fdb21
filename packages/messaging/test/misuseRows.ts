/**
 * Misuse rows of the messaging (`conversation.*`) and voicemail (`voicemail.*`) plugins (see
 * packages/core/test/misuse.ts). The Conversation and Message methods are covered by
 * src/messaging.test.ts (`misuse of Conversation and Message methods`).
 */
import type { MisuseTable, WrongValue } from '../../core/test/misuse';
import type { ConversationApi, VoicemailApi } from '../src/index';

const IA = 'INVALID_ARGUMENT';
const thrown = (...cases: unknown[][]): WrongValue[] => cases.map((args) => ({ args, code: IA, via: 'throw' as const }));

/** Messaging's and voicemail's misuse table. */
export const messagingMisuse: MisuseTable = {
  plugin: 'messaging',
  state: (client) => {
    const c = client as { conversation: ConversationApi; voicemail: VoicemailApi };
    return { conversations: c.conversation.getAll().map((x) => [x.type, x.destination, x.getMessages().length]), voicemail: c.voicemail.get() };
  },
  rows: [
    {
      method: 'conversation.get',
      wrongTypes: [[], [5], [null], [{}], [['bob', 5]], ['bob', null], ['bob', 'im'], ['bob', { type: 5 }]],
      wrongValues: thrown([''], ['  '], ['bob', { type: 'fax' }], ['bob', { type: 'chat' }]),
    },
    { method: 'conversation.getAll', noArgs: 'returns the tracked conversations' },
    {
      method: 'conversation.create',
      wrongTypes: [[], [5], [null], [['bob', 5]], ['bob', 5], ['bob', 'im', 5], ['bob', 'im', null], ['bob', 'group', { subject: 5 }]],
      wrongValues: thrown([''], [[]], ['bob', 'chat'], ['bob', 'fax'], [['bob', 'carol'], 'im'], ['not a number', 'sms'], ['bob\u0000'], ['bob carol']),
    },
    { method: 'conversation.fetch', wrongTypes: [[5], [null], ['touched']], reason: 'its options are accepted and not used by the Link adapter; calling it sends the request' },
    {
      method: 'conversation.downloadFile',
      wrongTypes: [[], [null], ['files/f1'], [5]],
      wrongValues: [{ type: 'text', text: 'x' }, { type: 'file', file: { url: '../calls', name: 'x', size: 1, type: 'a/b' } }].map((part) => ({ args: [part], code: IA, via: 'reject' as const })),
    },
    { method: 'voicemail.fetch', noArgs: 'takes no arguments (calling it sends the request)' },
    { method: 'voicemail.get', noArgs: 'returns the stored indicators' },
  ],
};
