/**
 * The report Doc's content write, safe to retry after a lost reply.
 *
 * A Docs batchUpdate is atomic, but its requests carry body indexes read just before it; sent
 * again after Google applied it (a 5xx or a timeout whose reply was lost), the deletion would
 * cut into the new text and the insertion double it. A write that replaces the whole body
 * does not depend on what the body held, so after such a failure it is prepared again from a
 * fresh documents.get and sent again: whether or not the first attempt applied, the Doc ends
 * holding exactly the report. (Appends after kept content are not replayable this way; the
 * CLI always replaces: its job starts at block 0.)
 */
import type { docs_v1 } from "googleapis/build/src/apis/docs/index.js";
import {
  failure,
  type GoogleTarget,
  MAX_WAIT_MS,
  type RetryOptions,
  realSleep,
  retryable,
  toUserError,
} from "./errors.js";

export interface Rewrite {
  /** Read the body (already retried and mapped). */
  read(): Promise<docs_v1.Schema$Body | undefined>;
  /** The requests for that body ([] = nothing to do). */
  requests(body: docs_v1.Schema$Body | undefined): docs_v1.Schema$Request[];
  /** Send once (a raw googleapis call: its errors are mapped here). */
  send(requests: docs_v1.Schema$Request[]): Promise<unknown>;
}

export async function rewriteDoc(w: Rewrite, target: GoogleTarget, retry: RetryOptions = {}): Promise<void> {
  const attempts = Math.max(1, retry.attempts ?? 5);
  const base = retry.baseMs ?? 200;
  const sleep = retry.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    const requests = w.requests(await w.read());
    if (requests.length === 0) return;
    try {
      await w.send(requests);
      return;
    } catch (e) {
      const f = failure(e);
      const wait = f && Math.max(base * 2 ** (attempt - 1), f.retryAfterMs ?? 0);
      if (!f || !retryable(f) || attempt >= attempts || wait === undefined || wait > MAX_WAIT_MS)
        throw await toUserError(e, target);
      await sleep(wait);
    }
  }
}
