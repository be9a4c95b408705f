/**
 * One spreadsheets.batchUpdate that is never applied twice and never reported as failed
 * when it applied: 429s are retried as in callGoogle (Google refused them before applying),
 * while after a 5xx, a timeout or a reset connection the write mark is read back first
 * (write-marker.ts): present, the batch applied and is done; absent, it is sent again.
 * A refusal (4xx) is final: the batch is atomic, so nothing was applied.
 */
import type { sheets_v4 } from "googleapis/build/src/apis/sheets/index.js";
import { UserError } from "../errors.js";
import {
  type Failure,
  failure,
  type GoogleTarget,
  MAX_WAIT_MS,
  type RetryOptions,
  realSleep,
  retryable,
  toUserError,
} from "./errors.js";
import { createdMarkIds, markApplied, markIds, protectionReplies } from "./write-marker.js";

export interface MarkedBatch {
  /** The mark this batch sets. */
  mark: string;
  /** Send the batch once (a raw googleapis call: its errors are mapped here). */
  send(): Promise<sheets_v4.Schema$Response[]>;
  /** Read the marks and protections back (already retried and mapped). */
  readBack(): Promise<sheets_v4.Schema$Spreadsheet>;
}

/** Google may have applied the write: the server failed or the answer never arrived. */
const mayHaveApplied = (f: Failure) => f.status === undefined || f.status >= 500;

export interface BatchOutcome {
  replies: sheets_v4.Schema$Response[];
  /** The write marks now in the spreadsheet (their metadataIds, for the next batch to drop). */
  marks: number[];
}

/** The replies of the batch (when the reply was lost: the protections as read back). */
export async function sendMarkedBatch(
  batch: MarkedBatch,
  target: GoogleTarget,
  retry: RetryOptions = {},
): Promise<BatchOutcome> {
  const attempts = Math.max(1, retry.attempts ?? 5);
  const base = retry.baseMs ?? 200;
  const sleep = retry.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      const replies = await batch.send();
      return { replies, marks: createdMarkIds(replies) };
    } catch (e) {
      const f = failure(e);
      if (!f || !retryable(f)) throw await toUserError(e, target);
      if (mayHaveApplied(f)) {
        const data = await batch.readBack().catch((err: unknown) => {
          throw unknownOutcome(target.id, err);
        });
        if (markApplied(data, batch.mark))
          return { replies: protectionReplies(data), marks: markIds(data.developerMetadata) };
      }
      const wait = Math.max(base * 2 ** (attempt - 1), f.retryAfterMs ?? 0);
      if (attempt >= attempts || wait > MAX_WAIT_MS) throw await toUserError(e, target);
      await sleep(wait);
    }
  }
}

function unknownOutcome(id: string, cause: unknown): unknown {
  if (!(cause instanceof UserError)) return cause;
  return new UserError("network", {
    ru: `Ответ Google на запись в таблицу ${id} потерян, а проверить, применилась ли она, не удалось (${cause.msg.ru}). Запустите команду ещё раз: она прочитает таблицу заново и ничего не задвоит`,
    en: `Google's reply to the write into spreadsheet ${id} was lost and checking whether it applied failed (${cause.msg.en}). Run the command again: it reads the spreadsheet anew and duplicates nothing`,
  });
}
