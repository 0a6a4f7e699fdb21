import { LogManager, defaultLogHandler, redact, redactText, type LogEntry, type LogsConfig } from './logger';

function setup(config: LogsConfig) {
  const entries: LogEntry[] = [];
  const actions: LogEntry[] = [];
  const cfg: LogsConfig = { handler: (e) => entries.push(e), ...config };
  if (config.logActions) cfg.logActions = { handler: (e) => actions.push(e), ...config.logActions };
  return { entries, actions, logs: new LogManager(() => cfg) };
}

describe('logger', () => {
  it('filters by level (case-insensitive) and builds LogEntry objects', () => {
    const { entries, logs } = setup({ logLevel: 'INFO' as never });
    const log = logs.create('call', 'c1');
    log.debug('hidden');
    log.info('shown', 1);
    log.error('bad');
    expect(entries.map((e) => e.level)).toEqual(['info', 'error']);
    expect(entries[0]).toMatchObject({ method: 'info', target: { type: 'call', id: 'c1', name: 'call/c1' }, messages: ['shown', 1] });
    expect(typeof entries[0]!.timestamp).toBe('number');
  });

  it('logs nothing when silent and times with timer data', () => {
    const silent = setup({ logLevel: 'silent' });
    silent.logs.create('x').error('no');
    expect(silent.entries).toHaveLength(0);
    const { entries, logs } = setup({ logLevel: 'debug' });
    const log = logs.create('x');
    log.time('t');
    log.timeEnd('t');
    expect(entries[0]).toMatchObject({ method: 'timeEnd', level: 'debug', timer: { label: 't' } });
  });

  it('masks credentials unless exposePayloads allows them', () => {
    const { entries, logs } = setup({ logLevel: 'debug' });
    logs.create('auth').debug('GET /x?token=abc&y=1', { password: 'pw', nested: { bearerAccessToken: 'tok' }, user: 'u' }, 'Authorization: Bearer xyz');
    const text = JSON.stringify(entries[0]!.messages);
    expect(text).not.toContain('abc');
    expect(text).not.toContain('"pw"');
    expect(text).not.toContain('tok"');
    expect(text).not.toContain('xyz');
    expect(text).toContain('"user":"u"');
    const exposed = setup({ logLevel: 'debug', logActions: { exposePayloads: true } });
    exposed.logs.create('auth').debug({ password: 'pw' });
    expect(JSON.stringify(exposed.entries[0]!.messages)).toContain('"pw"');
  });

  it('writes action logs only when logActions is configured', () => {
    const off = setup({ logLevel: 'debug' });
    off.logs.create('call').action('call/make', { to: 'bob' });
    expect(off.entries).toHaveLength(0);
    const on = setup({ logLevel: 'debug', logActions: { actionOnly: true } });
    on.logs.create('call').action('call/make', { to: 'bob' }, () => ({ after: { calls: 1 } }));
    expect(on.actions).toHaveLength(1);
    expect(on.actions[0]!.messages).toEqual(['action call/make', { type: 'call/make', payload: { to: 'bob' } }]);
  });

  it('a throwing handler never breaks the caller', () => {
    const logs = new LogManager(() => ({ handler: () => { throw new Error('x'); } }));
    expect(() => logs.create('x').info('y')).not.toThrow();
  });

  it('default handler prints with the documented prefix', () => {
    const spy = jest.spyOn(console, 'debug').mockImplementation(() => {});
    defaultLogHandler({ timestamp: 1, method: 'timeEnd', level: 'debug', target: { type: 'call', name: 'call' }, messages: ['m', 2] });
    expect(spy).toHaveBeenCalledWith('1 - call - debug - m', 2);
    spy.mockRestore();
  });

  it('redact helpers', () => {
    expect(redact({ hmacToken: 'h', list: [{ password: 'p' }] })).toEqual({ hmacToken: '[REDACTED]', list: [{ password: '[REDACTED]' }] });
    expect(redactText('wss://h/ws?access_token=t1')).toBe('wss://h/ws?access_token=[REDACTED]');
    expect(redactText('authorization: bearer abc.def')).toBe('authorization: bearer [REDACTED]');
  });
});

describe('action log options', () => {
  const action = (options: Record<string, unknown>, extra: LogsConfig = {}) => {
    const actions: LogEntry[] = [];
    const logs = new LogManager(() => ({ logLevel: 'debug', ...extra, logActions: { handler: (e: LogEntry) => actions.push(e), ...options } }));
    logs.create('call').action('call:stateChange', { to: 'Connected' }, () => ({ before: { state: 'Ringing', hold: false }, after: { state: 'Connected', hold: false } }));
    return actions;
  };

  it('adds the context, and a diff of it when asked', () => {
    const [entry] = action({ diff: true });
    expect(entry!.messages).toEqual([
      'action call:stateChange',
      { type: 'call:stateChange', payload: { to: 'Connected' } },
      { context: { state: 'Connected', hold: false } },
      { diff: { state: ['Ringing', 'Connected'] } },
    ]);
  });

  it('uses the configured level, hides payloads when exposePayloads is false, and respects the log level', () => {
    const [entry] = action({ level: 'INFO', exposePayloads: false });
    expect(entry).toMatchObject({ level: 'info', method: 'info' });
    expect(entry!.messages[1]).toEqual({ type: 'call:stateChange', payload: '[payload hidden]' });
    expect(action({ level: 'debug' }, { logLevel: 'warn' })).toHaveLength(0);
  });

  it('prints collapsed groups with the default handler', () => {
    const group = jest.spyOn(console, 'groupCollapsed').mockImplementation(() => {});
    const end = jest.spyOn(console, 'groupEnd').mockImplementation(() => {});
    const debug = jest.spyOn(console, 'debug').mockImplementation(() => {});
    const logs = new LogManager(() => ({ logLevel: 'debug', logActions: { collapsed: true } }));
    logs.create('call').action('call:make', {});
    expect(group).toHaveBeenCalledWith(expect.stringContaining('call - call:make'));
    expect(debug).toHaveBeenCalled();
    expect(end).toHaveBeenCalled();
    [group, end, debug].forEach((s) => s.mockRestore());
  });
});

describe('001/002 log options', () => {
  it('enableGrouping groups the lines of an action log in the console (console.group, not collapsed); off by default', () => {
    const group = jest.spyOn(console, 'group').mockImplementation(() => {});
    const end = jest.spyOn(console, 'groupEnd').mockImplementation(() => {});
    const debug = jest.spyOn(console, 'debug').mockImplementation(() => {});
    new LogManager(() => ({ logLevel: 'debug', logActions: {}, enableGrouping: true })).create('call').action('call:make', {});
    expect(group).toHaveBeenCalledWith(expect.stringContaining('call - call:make'));
    expect(end).toHaveBeenCalledTimes(1);
    group.mockClear();
    new LogManager(() => ({ logLevel: 'debug', logActions: {} })).create('call').action('call:make', {});
    expect(group).not.toHaveBeenCalled();
    expect(debug).toHaveBeenCalled();
    [group, end, debug].forEach((s) => s.mockRestore());
  });

  it('flatten turns values into strings; enableFcsLogs false drops detailed call logs', () => {
    const entries: LogEntry[] = [];
    const logs = new LogManager(() => ({ logLevel: 'debug', flatten: true, enableFcsLogs: false, handler: (e) => entries.push(e) }));
    logs.create('core').debug('x', { a: 1 }, 2);
    logs.create('call').debug('hidden');
    logs.create('call').info('shown');
    expect(entries.map((e) => e.messages)).toEqual([['x', '{"a":1}', '2'], ['shown']]);
  });
});
