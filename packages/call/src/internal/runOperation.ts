/** Runs async work as one tracked operation of a call (`call:operation` START … FINISH). */
import type { BasicError } from '@switchboard/core';
import type { CallHandle } from '../tokens';

/**
 * Runs `work` as a local operation of `type` on `call`: START, then FINISH with the BasicError
 * `work` rejects with. Resolves or rejects as `work` does.
 * @internal
 */
export async function runOperation<T>(call: Pick<CallHandle, 'startOp' | 'finishOp'>, type: string, work: () => Promise<T>): Promise<T> {
  const op = call.startOp(type);
  try {
    const result = await work();
    call.finishOp(op);
    return result;
  } catch (error) {
    call.finishOp(op, error as BasicError);
    throw error;
  }
}
