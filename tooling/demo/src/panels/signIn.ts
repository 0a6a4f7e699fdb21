/** Sign-in panel: one button per demo user (`data-testid="signin-<name>"`). */
import { h, panel } from '../dom';
import { DEMO_USERS, type DemoUser } from '../users';

/** The sign-in panel; `onSignIn` gets the chosen user. */
export function signInPanel(onSignIn: (user: DemoUser) => void): HTMLElement {
  const list = h(
    'ul',
    { class: 'users' },
    ...DEMO_USERS.map((u) =>
      h('li', {}, h('button', { 'data-testid': `signin-${u.name}`, onclick: () => onSignIn(u) }, `Sign in as ${u.username}`), h('small', {}, ` password ${u.password}`)),
    ),
  );
  return panel('signin', 'Sign in', h('p', {}, 'The reference gateway\'s demo users:'), list);
}
