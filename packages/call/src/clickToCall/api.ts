/** The `clickToCall` namespace: argument type checks (TypeError), then the requests. */
import type { ClickToCalls } from './ClickToCalls';
import type { ClickToCallApi } from './types';

/** Builds the frozen `clickToCall` namespace. @internal */
export function createClickToCallApi(calls: ClickToCalls): ClickToCallApi {
  const make = (method: string) => (caller: string, callee: string) => {
    if (typeof caller !== 'string') throw new TypeError(`clickToCall.${method}(): caller must be a string`);
    if (typeof callee !== 'string') throw new TypeError(`clickToCall.${method}(): callee must be a string`);
    return calls.make(caller, callee);
  };
  return Object.freeze({ make: make('make'), get: () => calls.get(), clickToCall: make('clickToCall') });
}
