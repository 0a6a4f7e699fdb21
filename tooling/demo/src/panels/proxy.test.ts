import { remotePageHref } from './proxy';

describe('remotePageHref', () => {
  it('points at remote.html next to the softphone, with the room encoded', () => {
    expect(remotePageHref('alice')).toBe('remote.html?room=alice');
    expect(remotePageHref('a b&c')).toBe('remote.html?room=a%20b%26c');
  });
});
