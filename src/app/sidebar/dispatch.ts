/**
 * One dispatcher for both hosts (the Apps Script global and the preview server): a method name
 * and a payload in, an envelope out. A UserError becomes its ru/en message; anything else a
 * generic message — the details go to the host's log, never a stack trace to the page.
 */
import { isUserError } from "../../core/errors.js";
import { isRpcMethod, type RpcEnvelope, type RpcError } from "../../rpc/contract.js";
import type { SidebarServer } from "./index.js";

export const UNEXPECTED: RpcError = {
  code: "internal",
  ru: "Не удалось выполнить действие из-за внутренней ошибки. Повторите; если ошибка повторится, сообщите администратору",
  en: "The action failed because of an internal error. Try again; if it happens again, tell the administrator",
};

export function failure(e: unknown, log: (e: unknown) => void): { ok: false; error: RpcError } {
  if (isUserError(e)) return { ok: false, error: { code: e.code, ru: e.msg.ru, en: e.msg.en } };
  log(e);
  return { ok: false, error: UNEXPECTED };
}

function isPromise(v: unknown): v is Promise<unknown> {
  return typeof (v as { then?: unknown } | null)?.then === "function";
}

export function dispatch(
  server: SidebarServer,
  method: unknown,
  payload: unknown,
  log: (e: unknown) => void,
): RpcEnvelope<unknown> | Promise<RpcEnvelope<unknown>> {
  if (!isRpcMethod(method))
    return {
      ok: false,
      error: {
        code: "bad-args",
        ru: `Неизвестное действие панели «${String(method)}»; обновите панель`,
        en: `Unknown sidebar action "${String(method)}"; reload the sidebar`,
      },
    };
  try {
    const call = server[method] as (req: unknown) => unknown;
    const value = call(payload ?? {});
    if (isPromise(value))
      return value.then(
        (v): RpcEnvelope<unknown> => ({ ok: true, value: v }),
        (e) => failure(e, log),
      );
    return { ok: true, value };
  } catch (e) {
    return failure(e, log);
  }
}
