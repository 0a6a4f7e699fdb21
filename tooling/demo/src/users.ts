/**
 * The demo users the sign-in panel lists: the reference gateway's built-in table
 * (tooling/gateway/src/users.ts `DEMO_USERS`). The gateway has no endpoint listing its users, so
 * this static copy is the list; a gateway started with `--users FILE` needs its own entries here.
 */

/** One user the demo can sign in as. */
export interface DemoUser {
  /** Short name (`alice`), used in `data-testid`s. */
  name: string;
  username: string;
  password: string;
}

/** alice, bob and carol @example.com, each with the password `<name>-secret`. */
export const DEMO_USERS: readonly DemoUser[] = ['alice', 'bob', 'carol'].map((name) => ({
  name,
  username: `${name}@example.com`,
  password: `${name}-secret`,
}));
