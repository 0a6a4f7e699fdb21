/** The structured (pino) logger redacts credentials by path and, through redact(), in every string (issue 7). */
import { createLogging } from '../../src/logging';
import { REDACTED } from '../../src/redact';
import type { Gateway } from '../../src/index';
import { ALICE, api, basic, startTestGateway, userPath } from '../helpers';

describe('pino records', () => {
  it('carry no header, field or query secret (json format)', () => {
    const lines: string[] = [];
    const { pino } = createLogging({ logger: (l) => lines.push(l), logFormat: 'json' });
    pino.info(
      {
        req: { url: '/rest/x?token=tok-secret-1', headers: { authorization: 'Basic dXNlcjpwdw==', 'x-token': 'hmac-secret-2', 'x-session': 'ses-secret3' } },
        body: { password: 'pw-secret-4' },
      },
      'request',
    );
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0]);
    expect(record.req.headers).toEqual({ authorization: REDACTED, 'x-token': REDACTED, 'x-session': REDACTED });
    expect(record.body.password).toBe(REDACTED);
    expect(lines[0]).not.toMatch(/secret/);
  });

  it('become text lines for the logger(line) option, debug ones prefixed', () => {
    const lines: string[] = [];
    const logging = createLogging({ logger: (l) => lines.push(l) });
    logging.log('debug: quiet event');
    logging.log('GET /path?token=abc -> 200');
    expect(lines).toEqual(['debug: quiet event', `GET /path?token=${REDACTED} -> 200`]);
  });
});

describe('a gateway with logFormat json', () => {
  let gw: Gateway;
  const lines: string[] = [];
  beforeAll(async () => {
    gw = await startTestGateway({ logFormat: 'json', logger: (l) => lines.push(l) });
  });
  afterAll(() => gw.close());

  it('logs one JSON record per response, without credentials', async () => {
    await api(gw, 'POST', `${userPath(ALICE)}/subscription?token=query-secret`, '{}', basic(ALICE, 'wrong-password-secret'));
    const records = lines.map((l) => JSON.parse(l));
    expect(records.some((r) => r.msg === `POST ${userPath(ALICE)}/subscription -> 401`)).toBe(true);
    expect(lines.join('\n')).not.toMatch(/query-secret|wrong-password-secret|Basic [A-Za-z0-9+/=]{8,}/);
  });
});
