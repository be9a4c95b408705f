/**
 * Sharing the report Doc with one reader, whose failure is that address's alone.
 *
 * Drive refuses to share without a notification with an address that has no Google account
 * (400 invalidSharingRequest: "…there is no Google account associated with this email address,
 * you must check the 'Notify people' box…"); such an address is invited with Drive's
 * notification instead, the only way Drive allows.
 */
import type { drive_v3 } from "googleapis/build/src/apis/drive/index.js";
import type { Msg } from "../../core/i18n.js";
import { UserError } from "../errors.js";
import { failure } from "./errors.js";

export interface ShareOutcome {
  email: string;
  /** shared: a reader now (or already); invited: by Drive's notification; failed: not shared. */
  status: "shared" | "invited" | "failed";
  reason?: Msg;
}

type Call = <T>(fn: () => Promise<T>) => Promise<T>;

export async function grantReader(
  drive: drive_v3.Drive,
  fileId: string,
  email: string,
  call: Call,
): Promise<ShareOutcome> {
  let raw: unknown;
  const create = (notify: boolean) => () =>
    drive.permissions
      .create({
        fileId,
        sendNotificationEmail: notify,
        supportsAllDrives: true,
        requestBody: { type: "user", role: "reader", emailAddress: email },
        fields: "id",
      })
      .catch((e: unknown) => {
        raw = e;
        throw e;
      });
  try {
    await call(create(false));
    return { email, status: "shared" };
  } catch (e) {
    if (!failure(raw)?.reasons.includes("invalidSharingRequest")) return failed(email, e);
  }
  try {
    await call(create(true));
    return { email, status: "invited" };
  } catch (e) {
    return failed(email, e);
  }
}

function failed(email: string, e: unknown): ShareOutcome {
  if (!(e instanceof UserError)) throw e;
  return {
    email,
    status: "failed",
    reason: {
      ru: `доступ для ${email} не открыт: ${e.msg.ru}`,
      en: `${email} was not given access: ${e.msg.en}`,
    },
  };
}
