/**
 * The demo softphone (tooling/demo), built and served by the gateway CLI (`--static`), driven
 * through its UI only: alice and bob sign in, alice calls bob, bob answers; each side's tone is
 * heard on the other, DTMF from alice's dial pad is reported by her SDK (`call:operation`
 * SEND_DTMF in the event log) and played out at bob, mute silences alice's tone at bob, the quality
 * chart gains points, and hang-up ends both; then each side's call-history panel lists the call
 * (outgoing at alice, incoming at bob, answered, a duration within the call's span); the status alice
 * sets in her presence panel reaches bob's roster, which shows her on the phone during the call, and
 * so does his SIP events panel (alice's phone presence, `event:presence`, linked to his call).
 * Bob runs in Chromium, then in Firefox. Alice also finds bob in the directory and adds, edits and
 * removes a contact (Chromium), and in the chat panel sends bob a message (unread at bob, delivered at
 * alice); an MWI lights bob's voicemail indicator. A second test
 * opens the demo over https (the gateway's self-signed certificate, accepted by the browser), signs
 * in and shows a websocket drop and the reconnect in its status bar. In proxy mode (Chromium), alice's
 * softphone runs its call's media on her remote media page (remote.html, another browser instance)
 * over the gateway's demo relay: tones both ways, bob's audio played there, no RTCPeerConnection
 * and no getUserMedia on the softphone page.
 * Screenshots of both pages at each step: tooling/e2e/.artifacts/demo/<label>/ (git-ignored).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchBrowser, type LaunchedBrowser } from './src/browsers';
import { buildDemo, openDemo, tid, type DemoPage } from './src/demoPage';
import { freePort, gatewayProcess, type GatewayProcess } from './src/gatewayProcess';
import { callMatrix, fileBrowsers } from './src/matrix';

const ALICE_HZ = 440;
const BOB_HZ = 1000;
const DTMF_1_HIGH_HZ = 1209;

const browsers = fileBrowsers();
let tmp: string;
let gateway: GatewayProcess;
let httpsPort: number;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-demo-e2e-'));
  const dist = path.join(tmp, 'dist');
  buildDemo(dist);
  const [port, tlsPort] = [await freePort(), await freePort()];
  httpsPort = tlsPort;
  gateway = gatewayProcess(port, path.join(tmp, 'data'), { tls: true, args: ['--static', dist, '--https-port', String(tlsPort)] });
  await gateway.start();
});
afterAll(async () => {
  await gateway?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/** Signs `page` in as `name` through the sign-in panel; waits for a connected, subscribed status. */
async function signIn(page: DemoPage, name: string): Promise<void> {
  await page.click(tid(`signin-${name}`));
  await page.waitForSelector(`${tid('connection-status')}[data-state="connected"]`, `${name} connected`);
  await page.waitForSelector(`${tid('subscription-status')}[data-state="subscribed"]`, `${name} subscribed`);
}

/** The record ids `page`'s call-history panel lists. */
const historyIds = (page: DemoPage) => page.eval<string[]>(`Array.from(document.querySelectorAll('${tid('history-entry')}')).map((e) => e.dataset.recordId)`);

/** Clicks *Refresh* in `page`'s call-history panel and returns the first entry whose record id is not in `known`. */
async function newHistoryEntry(page: DemoPage, known: string[]) {
  await page.click(tid('history-refresh'));
  return page.waitFor<{ direction: string; state: string; duration: number; text: string }>(
    `(() => { const e = Array.from(document.querySelectorAll('${tid('history-entry')}')).find((x) => !${JSON.stringify(known)}.includes(x.dataset.recordId));
      return e && { direction: e.dataset.direction, state: e.dataset.state, duration: Number(e.dataset.duration), text: e.textContent }; })()`,
    `a new entry in ${page.name}'s call-history panel`,
  );
}

const row = (direction: 'incoming' | 'outgoing', state?: string) => `[data-testid="call"][data-direction="${direction}"]${state ? `[data-state="${state}"]` : ''}`;

// Alice stays in Chromium; bob in Chromium, then in Firefox (the caller-Chromium rows of the matrix).
describe.each(callMatrix().filter((p) => p.caller === 'chromium'))('demo softphone, alice → bob ($label)', ({ label, caller, callee }) => {
  let alice: DemoPage;
  let bob: DemoPage;
  const closers: Array<() => Promise<void>> = [];
  const shots = (step: string) => Promise.all([alice.shot(label, step), bob.shot(label, step)]);

  beforeAll(async () => {
    const [a, b] = await Promise.all([browsers.get(caller, ALICE_HZ), browsers.get(callee, BOB_HZ)]);
    const [oa, ob] = await Promise.all([openDemo(a, `${gateway.url}/`, 'alice'), openDemo(b, `${gateway.url}/`, 'bob')]);
    closers.push(oa.close, ob.close);
    [alice, bob] = [oa.page, ob.page];
  });
  afterAll(() => Promise.all(closers.map((c) => c().catch(() => undefined))));

  it('calls bob through the UI on a chosen microphone: tones both ways, DTMF, mute, video off/on, quality chart, a tone file (call extras), hang-up, the call in both history panels', async () => {
    await shots('1-signin');
    await Promise.all([signIn(alice, 'alice'), signIn(bob, 'bob')]);
    await shots('2-signed-in');
    // The history panels fetch once subscribed (records of earlier tests of this gateway may be there).
    const fetched = (page: DemoPage) => page.waitFor(`/\\d+ records?/.test(document.querySelector('${tid('history-status')}').textContent)`, `${page.name}'s history fetched`);
    await Promise.all([fetched(alice), fetched(bob)]);
    const [aliceKnown, bobKnown] = await Promise.all([historyIds(alice), historyIds(bob)]);

    // Alice sets her status in her presence panel; bob's roster shows it (the note names this run).
    const note = `In the lab (${label})`;
    await alice.page.select(tid('presence-activity'), 'other');
    await alice.type(tid('presence-note'), note);
    await alice.click(tid('presence-set'));
    await alice.waitForSelector(`${tid('presence-self')}[data-activity="other"]`, 'alice\'s own presence shown as other');
    const aliceAtBob = `${tid('roster-entry')}[data-user-id="alice@example.com"]`;
    const aliceHasNote = `document.querySelector('${aliceAtBob}[data-status="open"][data-activity="other"]')?.textContent.includes(${JSON.stringify(note)})`;
    await bob.waitFor(aliceHasNote, 'alice\'s status and note in bob\'s roster');

    // Bob watches alice's SIP phone presence in his SIP events panel (event:presence).
    await bob.page.select(tid('sip-user'), 'alice@example.com');
    await bob.click(tid('sip-subscribe'));
    await bob.waitFor(`document.querySelector('${tid('sip-watched')}').textContent === 'alice@example.com'`, 'alice watched in bob\'s SIP events panel');

    // Alice picks a microphone in the devices panel (Chromium's second fake one) for the call.
    await alice.click(tid('devices-initialize'));
    const options = `Array.from(document.querySelector('${tid('device-microphone')}').options).map((o) => ({ value: o.value, label: o.textContent }))`;
    const mic = await alice.waitFor<{ value: string; label: string }>(`${options}.find((o) => /Fake Audio Input 2/.test(o.label))`, 'Chromium\'s fake microphones listed by name');
    await alice.page.select(tid('device-microphone'), mic.value);

    await alice.type(tid('destination'), 'bob@example.com');
    await alice.click(tid('call-video'));
    await alice.waitForSelector(row('outgoing'), 'alice\'s outgoing call listed');
    const beforeAnswer = Date.now();
    await bob.click(`${row('incoming')} ${tid('answer-video')}`);
    await shots('3-answering');
    await alice.waitForSelector(row('outgoing', 'Connected'), 'alice\'s call Connected');
    await bob.waitForSelector(row('incoming', 'Connected'), 'bob\'s call Connected');
    await bob.waitForSelector(`${aliceAtBob}[data-activity="on-the-phone"]`, 'alice on the phone in bob\'s roster');
    // ... and as a SIP event linked to bob's own call
    const sipEvent = `${tid('sip-event')}[data-from="sip:alice@example.com"][data-status="on-the-phone"]`;
    await bob.waitForSelector(sipEvent, 'alice\'s phone presence in bob\'s SIP events panel');
    expect(await bob.eval<string>(`document.querySelector('${sipEvent}').dataset.callId`)).toBe(await bob.eval<string>(`document.querySelector('${row('incoming')}').dataset.callId`));

    // Each side hears the other's fake-microphone tone and sees its video.
    await Promise.all([bob.waitForInboundGrowth('audio'), alice.waitForInboundGrowth('audio')]);
    await Promise.all([bob.startToneDetector(), alice.startToneDetector()]);
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, 'alice\'s tone at bob');
    await alice.waitFor(`E2E.toneState(${BOB_HZ}).detected`, 'bob\'s tone at alice');
    await Promise.all([alice.waitForVideoPlaying(`${row('outgoing')} ${tid('remote-media')}`), bob.waitForVideoPlaying(`${row('incoming')} ${tid('remote-media')}`)]);
    await shots('4-connected');
    // The call's microphone is the one alice chose (the SDK's local track, as its event log shows it).
    const localAudio = `Array.from(document.querySelectorAll('${tid('event')}[data-type="call:newMedia"]')).map((e) => e.textContent).find((t) => /"isLocal":true,[^}]*"kind":"audio"/.test(t))`;
    expect(await alice.eval<string>(localAudio)).toContain('"label":"Fake Audio Input 2"');

    // DTMF '1' from alice's dial pad: her SDK reports the operation, bob's receiver plays it out.
    const near = `E2E.tone.peaks.filter((p) => Math.abs(p.hz - ${DTMF_1_HIGH_HZ}) <= 15).length`;
    expect(await bob.eval<number>(near)).toBe(0);
    await alice.type(tid('dtmf-duration'), '1500');
    await alice.click(tid('dial-1'));
    expect(await alice.text(tid('dtmf-sent'))).toBe('1');
    await alice.type(tid('event-filter'), 'SEND_DTMF');
    await alice.waitFor(
      `Array.from(document.querySelectorAll('[data-testid="event"][data-type="call:operation"]')).some((e) => !e.hidden && /SEND_DTMF/.test(e.textContent) && /FINISH/.test(e.textContent) && !/error/.test(e.textContent))`,
      'call:operation SEND_DTMF FINISH (no error) in alice\'s event log',
    );
    await bob.waitFor(`${near} >= 2`, `DTMF '1' (${DTMF_1_HIGH_HZ} Hz) played out at bob`, 5000);
    await shots('5-dtmf');

    // Mute on alice's call row silences her tone at bob; unmute brings it back.
    await alice.click(`${row('outgoing')} ${tid('mute')}`);
    await alice.waitForSelector(`${row('outgoing')}[data-muted="true"]`, 'alice\'s call shown muted');
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).absent`, 'alice\'s tone gone at bob while muted');
    await shots('6-muted');
    await alice.click(`${row('outgoing')} ${tid('mute')}`);
    await alice.waitForSelector(`${row('outgoing')}[data-muted="false"]`, 'alice\'s call shown unmuted');
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, 'alice\'s tone back at bob after unmute');

    // Video off mutes alice's camera track (the SDK reports media:muted), video on unmutes it.
    await alice.click(`${row('outgoing')} ${tid('video')}`);
    await alice.waitForSelector(`${row('outgoing')}[data-video-muted="true"]`, 'alice\'s video shown off');
    await alice.type(tid('event-filter'), 'media:muted');
    await alice.waitForSelector(`${tid('event')}[data-type="media:muted"]:not([hidden])`, 'media:muted in alice\'s event log');
    await alice.click(`${row('outgoing')} ${tid('video')}`);
    await alice.waitForSelector(`${row('outgoing')}[data-video-muted="false"]`, 'alice\'s video shown on');

    // Hold on alice's call row: both rows On Hold and alice's tone gone at bob; unhold brings both back.
    await alice.click(`${row('outgoing')} ${tid('hold')}`);
    await alice.waitForSelector(row('outgoing', 'On Hold'), 'alice\'s call On Hold');
    await bob.waitForSelector(row('incoming', 'On Hold'), 'bob\'s call On Hold (held remotely)');
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).absent`, 'alice\'s tone gone at bob while held');
    await shots('6b-held');
    await alice.click(`${row('outgoing')} ${tid('hold')}`);
    await alice.waitForSelector(row('outgoing', 'Connected'), 'alice\'s call Connected after unhold');
    await bob.waitForSelector(row('incoming', 'Connected'), 'bob\'s call Connected after unhold');
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, 'alice\'s tone back at bob after unhold', 15000);

    // The quality panel keeps adding points to its uPlot charts and names codecs and the ICE pair.
    const points = (page: DemoPage, dir: 'incoming' | 'outgoing') => page.eval<number>(`Number(document.querySelector('${row(dir)} [data-testid="quality"]').dataset.points)`);
    const before = await points(alice, 'outgoing');
    expect(before).toBeGreaterThan(0);
    await alice.waitFor(`Number(document.querySelector('${row('outgoing')} [data-testid="quality"]').dataset.points) > ${before}`, 'more points in alice\'s quality chart');
    await bob.waitFor(`Number(document.querySelector('${row('incoming')} [data-testid="quality"]').dataset.points) > 1`, 'points in bob\'s quality chart');
    expect(await alice.text(`${row('outgoing')} ${tid('codecs')}`)).toMatch(/audio\/opus/i);
    expect(await alice.text(`${row('outgoing')} ${tid('ice-pair')}`)).toMatch(/⇄/);
    await shots('7-quality');

    // The call-extras panel plays a 660 Hz tone file to bob in place of alice's microphone, then her
    // tone is back; the report of the focused call lists the PLAY_AUDIO operation.
    expect(await bob.eval<boolean>('E2E.toneSeen(660)')).toBe(false);
    await alice.click(tid('extras-play-file'));
    await bob.waitFor('E2E.toneSeen(660)', 'the demo\'s tone file at bob');
    await alice.waitFor(`document.querySelector('${tid('extras-file-state')}').textContent === 'done'`, 'playAudioFile done in alice\'s extras panel');
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, 'alice\'s tone back at bob after the file');
    await alice.click(tid('extras-report'));
    expect(await alice.text(tid('extras-report-out'))).toMatch(/PLAY_AUDIO/);

    await alice.click(`${row('outgoing')} ${tid('hangup')}`);
    await alice.waitForSelector(row('outgoing', 'Ended'), 'alice\'s call Ended');
    await bob.waitForSelector(row('incoming', 'Ended'), 'bob\'s call Ended');
    const ended = Date.now();
    await shots('8-ended');
    await bob.waitFor(aliceHasNote, 'alice\'s own status back in bob\'s roster after the call');

    // Each history panel lists the call (the gateway's record: answered, its duration inside the span the test saw).
    const [atAlice, atBob] = [await newHistoryEntry(alice, aliceKnown), await newHistoryEntry(bob, bobKnown)];
    expect(atAlice).toMatchObject({ direction: 'outgoing', state: 'answered' });
    expect(atAlice.text).toContain('bob@example.com');
    expect(atBob).toMatchObject({ direction: 'incoming', state: 'answered' });
    expect(atBob.text).toContain('alice@example.com');
    for (const { duration } of [atAlice, atBob]) {
      expect(duration).toBeGreaterThan(0);
      expect(duration).toBeLessThanOrEqual(ended - beforeAnswer);
    }
    expect(atAlice.text).toContain(`${(atAlice.duration / 1000).toFixed(1)} s`);
    await shots('9-history');
  });
});

describe('demo softphone: several calls, reject and ignore (chromium-chromium)', () => {
  let alice: DemoPage;
  let bob: DemoPage;
  const closers: Array<() => Promise<void>> = [];
  const shots = (step: string) => Promise.all([alice.shot('several-calls', step), bob.shot('several-calls', step)]);
  /** The `n`-th (1 = newest) call row of a direction. */
  const nth = (direction: 'incoming' | 'outgoing', n: number) => `[data-testid="calls"] > [data-direction="${direction}"]:nth-child(${n})`;

  beforeAll(async () => {
    const [a, b] = await Promise.all([browsers.get('chromium', ALICE_HZ), browsers.get('chromium', BOB_HZ)]);
    const [oa, ob] = await Promise.all([openDemo(a, `${gateway.url}/`, 'alice'), openDemo(b, `${gateway.url}/`, 'bob')]);
    closers.push(oa.close, ob.close);
    [alice, bob] = [oa.page, ob.page];
    await Promise.all([signIn(alice, 'alice'), signIn(bob, 'bob')]);
  });
  afterAll(() => Promise.all(closers.map((c) => c().catch(() => undefined))));

  it('lists two ringing calls; bob rejects one (alice sees it end) and ignores the other (alice hangs up)', async () => {
    await alice.type(tid('destination'), 'bob');
    await alice.click(tid('call-audio'));
    // Outgoing call progress: the first call rings at alice before the second is made.
    await alice.waitForSelector(row('outgoing', 'Ringing'), 'alice\'s first call Ringing');
    await alice.click(tid('call-audio'));
    await alice.waitForSelector(`${nth('outgoing', 1)}[data-state="Ringing"] ~ ${row('outgoing', 'Ringing')}`, 'two Ringing calls at alice');
    await bob.waitForSelector(`${row('incoming')} ~ ${row('incoming')}`, 'two incoming calls at bob');
    await shots('1-two-ringing');

    // Rows are newest first: bob's 2nd row is alice's 2nd row (her first call).
    await bob.click(`${nth('incoming', 2)} ${tid('reject')}`);
    await bob.waitForSelector(`${nth('incoming', 2)}[data-state="Ended"]`, 'bob\'s rejected call Ended');
    await alice.waitForSelector(`${nth('outgoing', 2)}[data-state="Ended"]`, 'alice sees her first call rejected');
    expect(await alice.eval<string>(`document.querySelector('${nth('outgoing', 1)}').dataset.state`)).toBe('Ringing');

    await bob.click(`${nth('incoming', 1)} ${tid('ignore')}`);
    await bob.waitForSelector(`${nth('incoming', 1)}[data-state="Ended"]`, 'bob\'s ignored call Ended');
    // Ignoring tells the caller nothing: alice's call still rings until she hangs up.
    expect(await alice.eval<string>(`document.querySelector('${nth('outgoing', 1)}').dataset.state`)).toBe('Ringing');
    await shots('2-rejected-ignored');
    await alice.click(`${nth('outgoing', 1)} ${tid('hangup')}`);
    await alice.waitForSelector(`${nth('outgoing', 1)}[data-state="Ended"]`, 'alice\'s second call Ended');
    await shots('3-ended');
  });

  it('finds bob in the directory; adds, edits and removes a contact', async () => {
    await alice.page.select(tid('directory-filter'), 'lastName');
    await alice.type(tid('directory-query'), 'Builder');
    await alice.click(tid('directory-search'));
    await alice.waitForSelector(`${tid('directory-result')}[data-user-id="bob@example.com"]`, 'bob in alice\'s directory results');
    expect(await alice.text(tid('directory-results'))).toContain('Bob Builder');

    const contact = `${tid('contact')}[data-contact-id="bobby"]`;
    await alice.type(tid('contact-id'), 'bobby');
    await alice.type(tid('contact-user'), 'bob@example.com');
    await alice.type(tid('contact-first-name'), 'Bob');
    await alice.click(tid('contact-save'));
    await alice.waitFor(`document.querySelector('${contact}')?.textContent.includes('Bob <bob@example.com>')`, 'the new contact in alice\'s contacts panel');
    await alice.click(`${contact} ${tid('contact-edit')}`);
    await alice.type(tid('contact-last-name'), 'Builder');
    await alice.click(tid('contact-save'));
    await alice.waitFor(`document.querySelector('${contact}')?.textContent.includes('Bob Builder <bob@example.com>')`, 'the edited contact in alice\'s contacts panel');
    await shots('4-directory-contacts');
    await alice.click(`${contact} ${tid('contact-remove')}`);
    await alice.waitFor(`!document.querySelector('${contact}') && /^0 contacts$/.test(document.querySelector('${tid('contacts-status')}').textContent)`, 'the contact removed');
  });
});

describe('demo softphone: chat and voicemail (chromium-chromium)', () => {
  let alice: DemoPage;
  let bob: DemoPage;
  const closers: Array<() => Promise<void>> = [];
  const shots = (step: string) => Promise.all([alice.shot('chat', step), bob.shot('chat', step)]);

  beforeAll(async () => {
    const [a, b] = await Promise.all([browsers.get('chromium', ALICE_HZ), browsers.get('chromium', BOB_HZ)]);
    const [oa, ob] = await Promise.all([openDemo(a, `${gateway.url}/`, 'alice'), openDemo(b, `${gateway.url}/`, 'bob')]);
    closers.push(oa.close, ob.close);
    [alice, bob] = [oa.page, ob.page];
    await Promise.all([signIn(alice, 'alice'), signIn(bob, 'bob')]);
  });
  afterAll(() => Promise.all(closers.map((c) => c().catch(() => undefined))));

  it('alice chats to bob: the message arrives unread at bob and shows delivered at alice; an MWI lights bob\'s voicemail indicator', async () => {
    expect(await alice.text(tid('subscription-status'))).toMatch(/\bIM\b/);
    await alice.page.select(tid('chat-peer'), 'bob@example.com');
    await alice.click(tid('chat-start'));
    await alice.type(tid('chat-text'), 'Lunch at noon?');
    await alice.click(tid('chat-send'));
    const fromAlice = `${tid('chat-conversation')}[data-destination="alice@example.com"]`;
    await bob.waitForSelector(`${fromAlice}[data-unread="1"]`, 'alice\'s chat at bob with one unread message');
    expect(await bob.text(`${fromAlice} ${tid('chat-unread')}`)).toBe('1');
    const sent = `${tid('chat-message')}[data-direction="outgoing"]`;
    await alice.waitForSelector(`${sent}[data-delivery="delivered"][data-pending="false"]`, 'alice\'s message delivered');
    expect(await alice.text(`${sent} ${tid('chat-tick')}`)).toBe(' ✓✓');
    await shots('1-sent');
    // Opening the chat shows the message and marks it read.
    await bob.click(fromAlice);
    await bob.waitForSelector(`${fromAlice}[data-unread="0"]`, 'alice\'s chat read at bob');
    expect(await bob.text(`${tid('chat-message')}[data-direction="incoming"] ${tid('chat-message-text')}`)).toBe('Lunch at noon?');
    await shots('2-read');

    // bob has no voicemail box yet (the fetch once subscribed fails); an MWI from the gateway lights the indicator.
    await bob.waitFor(`document.querySelector('${tid('voicemail-status')}').textContent !== ''`, 'bob\'s voicemail fetch answered (no box)');
    expect(await bob.eval<string>(`document.querySelector('${tid('voicemail')}').dataset.waiting`)).toBe('unknown');
    const mwi = await fetch(`${gateway.url}/__test__/mwi`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bob@example.com', totalVoice: 3, unheardVoice: 2 }),
    });
    expect(((await mwi.json()) as { delivered: number }).delivered).toBeGreaterThanOrEqual(1);
    await bob.waitForSelector(`${tid('voicemail')}[data-waiting="true"][data-unheard="2"][data-total="3"]`, 'bob\'s voicemail indicator lit');
    expect(await bob.text(tid('voicemail'))).toContain('2 new of 3');
    await shots('3-voicemail');
  });
});

describe('demo softphone over https', () => {
  let browser: LaunchedBrowser;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sb-demo-https-'));
    browser = await launchBrowser('chromium', dir, undefined, { acceptInsecureCerts: true });
  });
  afterAll(async () => {
    await browser?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('loads from the gateway\'s https port (self-signed certificate), signs in over wss and shows a reconnect', async () => {
    const { page, close } = await openDemo(browser, `https://127.0.0.1:${httpsPort}/`, 'carol');
    try {
      expect(await page.eval<string>('location.protocol')).toBe('https:');
      await signIn(page, 'carol');
      expect(await page.text(tid('connection-status'))).toMatch(/wss/);
      await page.shot('https', '1-signed-in');
      // A dropped websocket shows in the status as it happens, and so does the reconnect.
      const history = tid('connection-history');
      const drop = await fetch(`${gateway.url}/__test__/sockets/drop`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'carol@example.com', code: 1006 }),
      });
      expect(((await drop.json()) as { dropped: number }).dropped).toBe(1);
      await page.waitFor(`/websocket closed, reconnecting/.test(document.querySelector('${history}').textContent)`, 'the drop in the connection history');
      await page.waitFor(`document.querySelector('${history} li').textContent.includes('websocket connected')`, 'the reconnect in the connection history', 15000);
      await page.waitForSelector(`${tid('connection-status')}[data-state="connected"]`, 'carol connected again', 15000);
      await page.shot('https', '2-reconnected');
    } finally {
      await close();
    }
  });
});

describe('demo softphone, reloading the page', () => {
  let close: (() => Promise<void>) | undefined;
  afterAll(() => close?.().catch(() => undefined));

  /** alice's live subscriptions at the gateway. */
  const aliceSubscriptions = async () => {
    const res = await fetch(`${gateway.url}/__test__/subscriptions?username=alice@example.com`);
    return ((await res.json()) as { subscriptions: unknown[] }).subscriptions.length;
  };
  /** Polls the gateway until `check` holds. */
  const until = async (check: () => Promise<boolean>, what: string, timeout = 10_000) => {
    const deadline = Date.now() + timeout;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; gateway stderr: ${gateway.stderr()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('releases the subscription on every reload: alice signs in 7 times in a row (the gateway allows 5 at a time)', async () => {
    const opened = await openDemo(await browsers.get('chromium', ALICE_HZ), `${gateway.url}/`, 'alice');
    close = opened.close;
    const { page } = opened;
    const before = await aliceSubscriptions();
    for (let i = 1; i <= 7; i++) {
      await signIn(page, 'alice');
      await until(async () => (await aliceSubscriptions()) === before + 1, `alice's subscription of sign-in ${i}`);
      await page.page.reload();
      // pagehide sent the DELETE (fetch keepalive): the gateway released the subscription.
      await until(async () => (await aliceSubscriptions()) === before, `the release of alice's subscription ${i} on reload`);
    }
    await signIn(page, 'alice');
    expect(await page.text(tid('subscription-status'))).toMatch(/^subscribed: (.+, )?call(, |$)/);
  });
});

describe('demo softphone in proxy mode, with the remote media page (chromium)', () => {
  const closers: Array<() => Promise<void>> = [];
  afterAll(() => Promise.all(closers.map((c) => c().catch(() => undefined))));

  it('alice switches proxy mode on with her remote page in another browser: tones both ways, her softphone page makes no peer connection and no getUserMedia', async () => {
    const room = 'demo-proxy';
    // alice's softphone: a browser without her microphone tone; the remote page: the one with it.
    const [appBrowser, remoteBrowser, bobBrowser] = await Promise.all([browsers.get('chromium'), browsers.get('chromium', ALICE_HZ), browsers.get('chromium', BOB_HZ)]);
    const [oa, or, ob] = await Promise.all([
      openDemo(appBrowser, `${gateway.url}/`, 'alice'),
      openDemo(remoteBrowser, `${gateway.url}/remote.html?room=${room}`, 'alice-remote'),
      openDemo(bobBrowser, `${gateway.url}/`, 'bob'),
    ]);
    closers.push(oa.close, or.close, ob.close);
    const [alice, remote, bob] = [oa.page, or.page, ob.page];
    await remote.waitForSelector(`${tid('remote-status')}[data-state="connected"]`, 'the remote page in its room');
    await Promise.all([signIn(alice, 'alice'), signIn(bob, 'bob')]);

    await alice.type(tid('proxy-room'), room);
    await alice.click(tid('proxy-mode'));
    await alice.waitForSelector(`${tid('proxy-info')}[data-proxy-mode="true"][data-remote-initialized="true"]`, 'alice in proxy mode');

    await alice.type(tid('destination'), 'bob@example.com');
    await alice.click(tid('call-audio'));
    await bob.click(`${row('incoming')} ${tid('answer-audio')}`);
    await alice.waitForSelector(row('outgoing', 'Connected'), 'alice\'s call Connected');
    await bob.waitForSelector(row('incoming', 'Connected'), 'bob\'s call Connected');
    await Promise.all([bob.waitForInboundGrowth('audio'), remote.waitForInboundGrowth('audio')]);
    await Promise.all([bob.startToneDetector(), remote.startToneDetector()]);
    await bob.waitFor(`E2E.toneState(${ALICE_HZ}).detected`, 'alice\'s tone (from her remote page) at bob', 15000);
    await remote.waitFor(`E2E.toneState(${BOB_HZ}).detected`, 'bob\'s tone at alice\'s remote page', 15000);
    // bob's audio plays on the remote page (the softphone's renderTracks, carried out there).
    await remote.waitFor(`Array.from(document.querySelectorAll('${tid('remote-media')} audio')).some((a) => a.srcObject && !a.paused)`, 'bob\'s audio playing in the remote page\'s media area');
    await Promise.all([alice.shot('proxy', '1-connected'), remote.shot('proxy', '1-connected'), bob.shot('proxy', '1-connected')]);
    expect(await alice.eval('({ pcs: __e2e.pcs.length, gum: __e2e.gumCalls })')).toEqual({ pcs: 0, gum: 0 });

    await alice.click(`${row('outgoing')} ${tid('hangup')}`);
    await bob.waitForSelector(row('incoming', 'Ended'), 'bob\'s call Ended');
    await remote.waitFor('E2E.livePcs().length === 0', 'no live peer connection left on the remote page');
    await alice.click(tid('proxy-mode'));
    await alice.waitForSelector(`${tid('proxy-info')}[data-proxy-mode="false"]`, 'alice back in local mode');
  });
});
