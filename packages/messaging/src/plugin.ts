/**
 * `messagingPlugin()`: adds `client.conversation` (seed 000 `conversation`): IM, group and SMS
 * conversations over the connectivity plugin.
 */
import { contribute, definePlugin } from '@switchboard/core';
import { connectivityTokens } from '@switchboard/connectivity';
import { createConversationApi } from './api';
import { messagingBackendExtensionPoint, type MessagingBackend, type MessagingBackendFactory } from './backend';
import { messagingConfigSection } from './config';
import { messagingEvents } from './events';
import { linkMessagingBackendFactory } from './link';
import { MessagingHub } from './MessagingHub';
import type { ConversationApi } from './types';

/** Options of {@link messagingPlugin}. @public */
export interface MessagingPluginOptions {
  /**
   * Shorthand for contributing a backend to {@link messagingBackendExtensionPoint}: a factory or an
   * instance. @default the Link adapter, or the contribution of an installed adapter plugin
   */
  backend?: MessagingBackendFactory | MessagingBackend;
}

/** The messaging plugin's version. @public */
export const MESSAGING_PLUGIN_VERSION = '0.1.0';

/**
 * Creates the messaging plugin (id `messaging`; it needs `connectivity`). Subscribe to the `IM`
 * (chat) and `smsinbound` services to receive messages.
 * @example
 * ```ts
 * const client = createClient({ plugins: [connectivityPlugin(), messagingPlugin()] })
 * client.services.subscribe(['IM', 'smsinbound'])
 * const chat = client.conversation.create(['bob@example.com'], 'im')
 * await chat.createMessage({ type: 'text', text: 'Lunch at noon?' }).send()
 * ```
 * @public
 */
export function messagingPlugin(options: MessagingPluginOptions = {}) {
  if (typeof options !== 'object' || options === null) throw new TypeError('messagingPlugin(options): options must be an object');
  const chosen = options.backend;
  if (chosen !== undefined && typeof chosen !== 'function' && (typeof chosen !== 'object' || chosen === null)) {
    throw new TypeError('messagingPlugin(options): options.backend must be a backend or a backend factory');
  }
  const contributions = [contribute(messagingBackendExtensionPoint, 'link', linkMessagingBackendFactory, { fallback: true })];
  if (chosen !== undefined) {
    contributions.push(contribute(messagingBackendExtensionPoint, 'option', typeof chosen === 'function' ? chosen : () => chosen));
  }
  return definePlugin({
    id: 'messaging',
    version: MESSAGING_PLUGIN_VERSION,
    sdkRange: '^0.1.0',
    dependsOn: ['connectivity'],
    config: [messagingConfigSection],
    events: messagingEvents,
    extensionPoints: [messagingBackendExtensionPoint],
    contributes: contributions,
    deps: { transport: connectivityTokens.transport, notifications: connectivityTokens.notifications, subscription: connectivityTokens.subscription },
    register(ctx): {
      api: {
        /** The `conversation` namespace. */
        conversation: ConversationApi;
      };
      dispose: () => void;
    } {
      const { transport, notifications } = ctx.deps;
      const backend = ctx.extension(messagingBackendExtensionPoint).value({ transport, notifications, logger: ctx.logger });
      const hub = new MessagingHub({
        backend, events: ctx.events, logger: ctx.logger,
        self: () => ctx.auth.getUserInfo().username,
        maxMessageBytes: () => ctx.config.section('messaging').maxMessageBytes,
        maxFileBytes: () => ctx.config.section('messaging').maxFileBytes,
        legacySubscribers: ctx.config.compatibility === '001',
      });
      const stop = backend.listen({ message: (m) => hub.receive(m), group: (g) => hub.groupChanged(g) });
      const { subscription } = ctx.deps;
      let connected = subscription.isConnected();
      const stopWatching = subscription.onChange(() => {
        const was = connected;
        connected = subscription.isConnected();
        if (connected && !was) void hub.reconcile();
        if (was && !connected) hub.disconnected();
      });
      ctx.logger.debug(`messaging ready (backend: ${backend.name})`);
      return {
        api: { conversation: createConversationApi(hub, ctx.config.compatibility) },
        dispose: () => {
          stop();
          stopWatching();
          hub.dispose();
        },
      };
    },
  });
}
