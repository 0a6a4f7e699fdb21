/**
 * Type tests, checked by ts-jest (a `@ts-expect-error` that is not an error fails this file):
 * `client.recorder` exists only with `callRecorderPlugin()`, `config.recorder` is typed, and so
 * are the `recorder:*` events and error codes. The clients have the real first-party plugins
 * (`createTestClient` of `@switchboard/test-utils`).
 */
import { createClient, isBasicError } from '@switchboard/core';
import { connectivityPlugin } from '@switchboard/connectivity';
import { mediaPlugin } from '@switchboard/media';
import { callPlugin } from '@switchboard/call';
import { createTestClient } from '@switchboard/test-utils';
import { callRecorderPlugin, type Recording, type RecorderStopEvent } from '../src';

const quiet = { logs: { logLevel: 'silent' as const } };

it('has client.recorder only when callRecorderPlugin() is installed', async () => {
  const without = createTestClient().client;
  // @ts-expect-error no recorder plugin, no recorder namespace
  expect(without.recorder).toBeUndefined();
  // @ts-expect-error nor its config section
  without.updateConfig({ recorder: { autoRecord: true } });
  // Event names are typed by declaration merging, which is global once the package is imported;
  // at run time a client without the plugin refuses them.
  expect(() => without.on('recorder:stop', () => {})).toThrow('Invalid event type');

  const withIt = createTestClient({ plugins: [callRecorderPlugin()] }).client;
  const stop: (callId: string) => Promise<Recording> = withIt.recorder.stop;
  expect(typeof stop).toBe('function');
  withIt.on('recorder:stop', (event: RecorderStopEvent) => {
    const size: number = event.recording.size;
    void size;
  });
  // @ts-expect-error a misspelled event name
  expect(() => withIt.on('recorder:stopped', () => {})).toThrow('Invalid event type');
  // @ts-expect-error start needs a callId
  expect(() => withIt.recorder.start()).toThrow(TypeError);
  await Promise.all([without.destroy(), withIt.destroy()]);
});

it('types config.recorder: a misspelled key or a wrong value type is a compile error', async () => {
  const client = createTestClient({ plugins: [callRecorderPlugin()], config: { recorder: { timeslice: 500, autoRecord: true } } }).client;
  const timeslice: number = client.getConfig().recorder.timeslice;
  expect(timeslice).toBe(500);
  // @ts-expect-error misspelled key
  client.updateConfig({ recorder: { timeslise: 5 } });
  // @ts-expect-error wrong value type (and INVALID_CONFIG at run time)
  expect(() => client.updateConfig({ recorder: { autoRecord: 'yes' } })).toThrow('recorder.autoRecord');
  // createClient's config is typed by the plugins it is given
  const plugins = [connectivityPlugin(), mediaPlugin(), callPlugin(), callRecorderPlugin()] as const;
  // @ts-expect-error misspelled section
  await createClient({ plugins, config: { ...quiet, recordr: {} } }).destroy();
  // @ts-expect-error misspelled key at creation
  await createClient({ plugins, config: { ...quiet, recorder: { timeslise: 5 } } }).destroy();
  const error: unknown = await client.recorder.stop('none').catch((e: unknown) => e);
  // the plugin's codes are part of core's ErrorCode union
  expect(isBasicError(error) && error.code === 'RECORDER_NOT_RECORDING').toBe(true);
  await client.destroy();
});
