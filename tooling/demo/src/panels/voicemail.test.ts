/** The voicemail indicator's text. */
import { voicemailText } from './voicemail';

it.each([
  [undefined, 'unknown'],
  [{ lastUpdated: 1, newMessagesWaiting: true, totalVoice: 5, unheardVoice: 2 }, '2 new of 5'],
  [{ lastUpdated: 1, newMessagesWaiting: false, totalVoice: 3, unheardVoice: 0 }, 'none new of 3'],
])('voicemail %j → %s', (data, text) => {
  expect(voicemailText(data)).toBe(text);
});
