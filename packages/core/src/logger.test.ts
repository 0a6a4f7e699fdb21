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
    on.logs.create('call').action('call/make', { to: 'bob' }, { calls: 1 });
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
  });
});
