/** The central redaction every gateway log line goes through (issue 7). */
import { REDACTED, redact } from '../src/redact';

describe('redact', () => {
  it.each([
    ['POST /x?token=secret123', 'POST /x?token=[REDACTED]'],
    ['GET /x?a=1&access_token=secret123&b=2', 'GET /x?a=1&access_token=[REDACTED]&b=2'],
    ['GET /x?X_Token_Id=secret123#h', 'GET /x?X_Token_Id=[REDACTED]#h'],
    ['GET /x?password=secret123', 'GET /x?password=[REDACTED]'],
    ['Authorization: Basic c2VjcmV0MTIz', `Authorization: ${REDACTED}`],
    ['x-session: ses-secret123\nnext', `x-session: ${REDACTED}\nnext`],
    ['header Bearer secret123.abc', `header Bearer ${REDACTED}`],
    ['{"username":"a","password":"secret\\"123"}', `{"username":"a","password":"${REDACTED}"}`],
    ["{ accessToken: 'x', 'token': 'secret123' }", `{ accessToken: 'x', 'token': "${REDACTED}" }`],
    ['session ses-AbC_d-1234 ended', `session ses-${REDACTED} ended`],
    ['ws ch--secret123_x: no client frame', `ws ch-${REDACTED}: no client frame`],
    [`token AT${'a'.repeat(32)} used`, `token AT${REDACTED} used`],
  ])('%s', (line, expected) => {
    expect(redact(line)).toBe(expected);
    expect(redact(line)).not.toContain('secret123');
  });

  it('leaves lines without secrets as they are', () => {
    const line = 'subscription sub-abc of alice@example.com ended (DELETE); POST /rest/version/1/user/x?a=1 -> 200';
    expect(redact(line)).toBe(line);
  });
});

describe('redact with configured secret values', () => {
  it('removes every literal and URL-encoded occurrence', () => {
    const secret = 'turn s3cret/+=';
    const line = `secret ${secret} and ${encodeURIComponent(secret)} twice ${secret}`;
    expect(redact(line, [secret])).toBe(`secret ${REDACTED} and ${REDACTED} twice ${REDACTED}`);
    expect(redact('nothing here', ['', secret])).toBe('nothing here');
  });
});
