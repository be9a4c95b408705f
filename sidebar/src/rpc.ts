/**
 * The typed client of the sidebar's server: `call("lessonSave", req)` is a Promise of the
 * method's response, over google.script.run (in Sheets) or the preview's shim (locally).
 * The contract comes in by `import type` only: no server code reaches the page.
 */
import type {
  RpcEnvelope,
  RpcError,
  RpcMethod,
  RpcRequest,
  RpcResponse,
  Text,
} from "../../src/rpc/contract.js";

interface Runner {
  withSuccessHandler(f: (v: unknown) => void): Runner;
  withFailureHandler(f: (e: unknown) => void): Runner;
  sidebarRpc(method: string, payload: unknown): void;
}

/** A server answer that is an error: its code and the message in both languages. */
export class RpcFailure extends Error {
  constructor(readonly error: RpcError) {
    super(error.en);
  }
}

/**
 * google.script.run failing outright (not an error envelope) is mostly a lost connection or,
 * a known Google problem, several Google accounts signed in at once in the browser.
 */
export const NO_CONNECTION: RpcError = {
  code: "network",
  ru: "Нет связи с таблицей. Если в браузере выполнен вход в несколько аккаунтов Google, откройте таблицу в окне, где вход выполнен только в один (например, в режиме инкогнито), и повторите",
  en: "No connection to the spreadsheet. If several Google accounts are signed in in this browser, open the spreadsheet in a window signed in to one account only (e.g. incognito) and try again",
};

function runner(): Runner | null {
  const g = (globalThis as { google?: { script?: { run?: Runner } } }).google;
  return g?.script?.run ?? null;
}

export function call<M extends RpcMethod>(method: M, req: RpcRequest<M>): Promise<RpcResponse<M>> {
  return new Promise((resolve, reject) => {
    const run = runner();
    if (!run) {
      reject(new RpcFailure(NO_CONNECTION));
      return;
    }
    run
      .withSuccessHandler((v) => {
        const env = v as RpcEnvelope<RpcResponse<M>> | null;
        if (env?.ok === true) resolve(env.value);
        else reject(new RpcFailure(env?.ok === false ? env.error : NO_CONNECTION));
      })
      .withFailureHandler(() => reject(new RpcFailure(NO_CONNECTION)))
      .sidebarRpc(method, req);
  });
}

/** Whatever was thrown, as a text to show. */
export function errorText(e: unknown): Text {
  if (e instanceof RpcFailure) return e.error;
  if (e && typeof e === "object" && "ru" in e && "en" in e) return e as Text;
  return NO_CONNECTION;
}
