/**
 * `@switchboard/core`: the plugin host, DI tokens, config, events, logger, errors and auth.
 * @packageDocumentation
 */
export { createClient } from './createClient';
export type { ApiOf, Client, ClientOf, ConfigInput, ConfigOf, CreateClientOptions, LegacyConfigOf } from './createClient';
export { definePlugin } from './plugin';
export type { AnyPlugin, ConfigOfSections, ConfigReader, Disposer, Plugin, PluginContext, PluginInstance, PluginSpec } from './plugin';
export { contribute, defineExtensionPoint } from './extensions';
export type { AnyContribution, Contribution, ExtensionPoint } from './extensions';
export type { CoreConfig, DeepPartial, LegacyCoreConfig, UserConfig } from './configTypes';
export { createToken } from './tokens';
export type { ResolvedDeps, Token, TokenMap, TokenValue } from './tokens';
export { coreTokens } from './coreTokens';
export { BasicError, coreErrorCodes, isBasicError, notImplemented, toBasicError } from './errors';
export type { BasicErrorOptions, ErrorCode, ErrorCodeMap, ErrorCodesOf } from './errors';
export { EventBus, TypedEmitter, coreEvents, eventNames } from './events';
export type { CoreEventMap, EventMapBase, EventName, EventNameTable, GlobalListener, Listener, SdkEventMap, SdkWarning, SdkWarningCode } from './events';
export { LogManager, defaultLogHandler, levels, redact, redactText } from './logger';
export type { LogActionsOptions, LogEntry, LogHandler, LogLevel, LogMethod, LogTarget, Logger, LogsConfig } from './logger';
export { is } from './config';
export type { Check, CompatibilityProfile, ConfigAlias, ConfigAliases, ConfigSection, Schema, SdkConfig } from './config';
export { authenticationConfigDefaults, logsConfigDefaults } from './coreConfig';
export type { AuthenticationConfig } from './coreConfig';
export { AuthManager } from './auth';
export type {
  AccessTokenCredentials, AuthMode, AuthState, BearerCredentials, Credentials, HmacCredentials, PasswordCredentials, TokenUpdate,
} from './auth';
export { SDK_VERSION } from './version';
