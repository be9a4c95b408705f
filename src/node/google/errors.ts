/**
 * googleapis failures as UserErrors (one line in ru and en, never a stack trace), and the
 * retry policy: 429 and 5xx are retried with exponential backoff, the rest fail at once.
 */
import type { Msg } from "../../core/i18n.js";
import { UserError } from "../errors.js";

/** What a failed call was about, for the message. */
export interface GoogleTarget {
  kind: "spreadsheet" | "document" | "file";
  id: string;
  op: "read" | "write";
  /** Email to share with, looked up only when access is denied (a service account's client_email). */
  account?: () => Promise<string | undefined>;
  /** A service account acting as itself (owns no Drive storage); false or absent: a person. */
  serviceAccount?: boolean;
}

export interface RetryOptions {
  /** Attempts in all, the first included (default 5). */
  attempts?: number;
  /** First delay; doubled on each retry (default 200 ms). */
  baseMs?: number;
  /** Tests pass a fake that records the delays instead of waiting. */
  sleep?: (ms: number) => Promise<void>;
}

/** A Retry-After longer than this is not waited for: the user is told to come back later. */
export const MAX_WAIT_MS = 60_000;
/** The CLI's scopes, for the delegation message (auth.ts SCOPES; kept here to avoid a cycle). */
const SCOPE_LIST =
  "https://www.googleapis.com/auth/spreadsheets, https://www.googleapis.com/auth/documents, https://www.googleapis.com/auth/drive.file";
const NETWORK_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT", "ECONNRESET", "EAI_AGAIN", "EPIPE"]);
/** Network failures worth another try; a refused connection or an unknown host will not heal in seconds. */
const TRANSIENT_CODES = new Set(["ETIMEDOUT", "ECONNRESET", "EAI_AGAIN", "EPIPE"]);
const RATE_REASONS = new Set(["rateLimitExceeded", "userRateLimitExceeded", "RATE_LIMIT_EXCEEDED"]);

export interface Failure {
  status?: number;
  code?: string;
  reasons: string[];
  message: string;
  retryAfterMs?: number;
}

/** Duck-typed GaxiosError (gaxios is not our direct dependency): status, code, response body. */
export function failure(e: unknown): Failure | undefined {
  if (!(e instanceof Error)) return undefined;
  const x = e as Error & {
    status?: number;
    code?: string | number;
    error?: { name?: string; code?: string };
    response?: { status?: number; data?: unknown; headers?: unknown };
  };
  const status = x.response?.status ?? x.status;
  const raw = x.code ?? x.error?.code ?? (x.cause as { code?: unknown } | undefined)?.code;
  let code = typeof raw === "string" && !/^\d+$/.test(raw) ? raw : undefined;
  // gaxios reports its own timeout as an aborted fetch.
  if (!code && x.error?.name === "AbortError") code = "ETIMEDOUT";
  if (status === undefined && (code === undefined || !NETWORK_CODES.has(code))) return undefined;
  const data = x.response?.data as
    | {
        error?:
          | string
          | {
              message?: string;
              status?: string;
              errors?: { reason?: string }[];
              details?: { reason?: string }[];
            };
        error_description?: string;
      }
    | undefined;
  const reasons: string[] = [];
  let message = "";
  if (typeof data?.error === "string") {
    // OAuth token endpoint: {error: "invalid_grant", error_description}
    reasons.push(data.error);
    message = data.error_description ?? data.error;
  } else if (data?.error) {
    if (data.error.status) reasons.push(data.error.status);
    for (const r of [...(data.error.errors ?? []), ...(data.error.details ?? [])])
      if (r.reason) reasons.push(r.reason);
    message = data.error.message ?? "";
  }
  return { status, code, reasons, message, retryAfterMs: retryAfter(x.response?.headers) };
}

function retryAfter(headers: unknown): number | undefined {
  if (!headers) return undefined;
  const raw =
    typeof (headers as Headers).get === "function"
      ? (headers as Headers).get("retry-after")
      : (headers as Record<string, string | undefined>)["retry-after"];
  const s = Number(raw);
  return raw && Number.isFinite(s) && s >= 0 ? s * 1000 : undefined;
}

export function retryable(f: Failure): boolean {
  if (f.status === 429 || (f.status !== undefined && f.status >= 500)) return true;
  if (f.status === 403 && f.reasons.some((r) => RATE_REASONS.has(r))) return true;
  return f.status === undefined && f.code !== undefined && TRANSIENT_CODES.has(f.code);
}

const NAMES: Record<GoogleTarget["kind"], { ru: [string, string]; en: string }> = {
  // [nominative, dative] for "таблица … не найдена" / "нет доступа к таблице …"
  spreadsheet: { ru: ["Таблица", "таблице"], en: "spreadsheet" },
  document: { ru: ["Документ", "документу"], en: "document" },
  file: { ru: ["Файл", "файлу"], en: "file" },
};

const HOW_TO_AUTH: Msg = {
  ru:
    "укажите ключ сервисного аккаунта (--credentials key.json или GOOGLE_APPLICATION_CREDENTIALS) " +
    "либо заново получите токен OAuth и укажите путь к нему в COORDINATOR_OAUTH_TOKEN",
  en:
    "pass a service-account key (--credentials key.json or GOOGLE_APPLICATION_CREDENTIALS) " +
    "or obtain a new OAuth token and set COORDINATOR_OAUTH_TOKEN to its path",
};

function detail(f: Failure): string {
  const what = f.status !== undefined ? `HTTP ${f.status}` : (f.code ?? "");
  return f.message ? `${what}: ${f.message}` : what;
}

/** A googleapis failure as a UserError; other errors (programming errors) come back unchanged. */
export async function toUserError(e: unknown, target: GoogleTarget): Promise<unknown> {
  if (e instanceof UserError) return e;
  const f = failure(e);
  if (!f) return e;
  const name = NAMES[target.kind];
  const id = target.id;
  // Google's token endpoint answers unauthorized_client to a JWT whose sub (--impersonate)
  // the domain's admin did not allow the account to act as, for these scopes.
  if (f.reasons.includes("unauthorized_client")) {
    const who = await target.account?.().catch(() => undefined);
    return new UserError("no-credentials", {
      ru: `Сервисному аккаунту не разрешено действовать от имени ${who ?? "этого пользователя"} (--impersonate): администратор Google Workspace должен включить делегирование на уровне домена для client ID аккаунта с областями ${SCOPE_LIST} (Консоль администратора → Безопасность → Доступ к API → Делегирование); либо запускайте без --impersonate с «Папкой отчётов (ID)» на общем диске`,
      en: `The service account may not act as ${who ?? "this user"} (--impersonate): a Google Workspace admin must grant domain-wide delegation to the account's client ID for the scopes ${SCOPE_LIST} (Admin console → Security → API controls → Domain-wide delegation); or run without --impersonate with "Report folder (ID)" on a shared drive`,
    });
  }
  const authFailed =
    f.status === 401 ||
    f.reasons.some((r) => r === "invalid_grant" || r === "invalid_client" || r === "unauthorized_client");
  if (authFailed)
    return new UserError("no-credentials", {
      ru: `Google не принял учётные данные (токен недействителен, истёк или отозван): ${HOW_TO_AUTH.ru}`,
      en: `Google rejected the credentials (the token is invalid, expired or revoked): ${HOW_TO_AUTH.en}`,
    });
  if (f.status === 403 && f.reasons.includes("ACCESS_TOKEN_SCOPE_INSUFFICIENT"))
    return new UserError("no-credentials", {
      ru: `У токена нет нужных разрешений (scopes): получите токен заново с доступом к таблицам, документам и файлам Drive, созданным программой`,
      en: `The token lacks the required scopes: obtain it again with access to spreadsheets, documents and Drive files the program creates`,
    });
  if (f.status === 403 && f.reasons.some((r) => r === "SERVICE_DISABLED" || r === "accessNotConfigured"))
    return new UserError("no-access", {
      ru: `API Google не включён в проекте Google Cloud этих учётных данных: включите Google Sheets API, Google Docs API и Google Drive API (APIs & Services → Enable APIs) и повторите. ${detail(f)}`,
      en: `The Google API is not enabled in the credentials' Google Cloud project: enable the Google Sheets, Docs and Drive APIs (APIs & Services → Enable APIs) and retry. ${detail(f)}`,
    });
  if (f.status === 403 && f.reasons.some((r) => r === "shareOutNotPermitted" || r === "shareInNotPermitted"))
    return new UserError("no-access", {
      ru: `Правила домена Google Workspace не позволяют открыть ${name.ru[1]} ${id} этому адресу; попросите администратора разрешить доступ вне домена или укажите адрес в домене (${detail(f)})`,
      en: `The Google Workspace domain's rules forbid sharing ${name.en} ${id} with this address; ask the admin to allow sharing outside the domain or use an address in the domain (${detail(f)})`,
    });
  if (f.status === 403 && f.reasons.includes("storageQuotaExceeded")) {
    const who = await target.account?.().catch(() => undefined);
    if (target.serviceAccount) return noStorage(who, detail(f));
    return new UserError("quota", {
      ru: `Google Диск ${who ?? "этой учётной записи"} заполнен (storageQuotaExceeded): освободите место на Диске (и очистите корзину) и повторите`,
      en: `The Google Drive of ${who ?? "this account"} is full (storageQuotaExceeded): free some space (and empty the trash) and retry`,
    });
  }
  if (f.status === 403) {
    const who = await target.account?.().catch(() => undefined);
    return new UserError("no-access", {
      ru: `Нет доступа к ${name.ru[1]} ${id}; откройте доступ (редактор) для ${who ?? "учётной записи, от имени которой работает программа"}`,
      en: `No access to ${name.en} ${id}; share it (Editor) with ${who ?? "the account the program runs as"}`,
    });
  }
  if (f.status === 404)
    return new UserError("not-found", {
      ru: `${name.ru[0]} ${id} не найден${target.kind === "spreadsheet" ? "а" : ""}: проверьте ID (часть ссылки между /d/ и /edit)`,
      en: `${name.en[0].toUpperCase()}${name.en.slice(1)} ${id} not found: check the ID (the part of the link between /d/ and /edit)`,
    });
  if (f.status === 400 && f.reasons.includes("FAILED_PRECONDITION") && /not supported/i.test(f.message))
    return new UserError("not-found", {
      ru: `Файл ${id} не является Google Таблицей (возможно, это .xlsx на Диске): откройте его и выберите «Файл → Сохранить как Google Таблицу»`,
      en: `File ${id} is not a Google Sheet (perhaps an .xlsx in Drive): open it and choose "File → Save as Google Sheets"`,
    });
  if (f.status === 429 || (f.status === 403 && f.reasons.some((r) => RATE_REASONS.has(r))))
    return new UserError("quota", {
      ru: `Превышена квота запросов к Google API; подождите минуту и повторите (${detail(f)})`,
      en: `Google API request quota exceeded; wait a minute and retry (${detail(f)})`,
    });
  if (f.status === undefined || f.status >= 500)
    return new UserError("network", {
      ru: `Нет связи с Google или сервис временно недоступен (${detail(f)}): проверьте подключение к интернету и повторите позже`,
      en: `Cannot reach Google or the service is temporarily unavailable (${detail(f)}): check the internet connection and retry later`,
    });
  // Any other refusal: a write is one atomic batchUpdate, so nothing was changed.
  if (target.op === "write")
    return new UserError("write-failed", {
      ru: `Google отклонил изменения в ${name.ru[1]} ${id} (${detail(f)}); ничего не изменено`,
      en: `Google rejected the changes to ${name.en} ${id} (${detail(f)}); nothing was changed`,
    });
  return new UserError("network", {
    ru: `Google отклонил запрос к ${name.ru[1]} ${id} (${detail(f)})`,
    en: `Google rejected the request for ${name.en} ${id} (${detail(f)})`,
  });
}

/**
 * Drive: "Service accounts don't have storage quota and can't own any files. Instead, they
 * must upload files and folders into shared drives, or use OAuth 2.0 to upload items on behalf
 * of a human user" (developers.google.com/workspace/drive/api/guides/about-shareddrives).
 * Sharing a folder with the account does not help, so the message names the three fixes.
 */
function noStorage(who: string | undefined, why: string): UserError {
  const account = who ?? "сервисный аккаунт";
  return new UserError("no-access", {
    ru:
      `Google Диск не даёт ${who ? `сервисному аккаунту ${account}` : "сервисному аккаунту"} места для файлов (storageQuotaExceeded): ` +
      "укажите в листе «Настройки» параметр «Папка отчётов (ID)» — ID папки на общем диске, где аккаунт — участник с ролью «Администратор контента», — " +
      "или запускайте с --impersonate EMAIL (делегирование на уровне домена Workspace), или войдите как пользователь (COORDINATOR_OAUTH_TOKEN). " +
      `(${why})`,
    en:
      `Google Drive gives ${who ? `the service account ${account}` : "a service account"} no storage (storageQuotaExceeded): ` +
      'set "Report folder (ID)" in the Settings sheet to the ID of a folder on a shared drive where the account is a member with the Content manager role, ' +
      "or run with --impersonate EMAIL (Workspace domain-wide delegation), or sign in as a user (COORDINATOR_OAUTH_TOKEN). " +
      `(${why})`,
  });
}

export const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Run one googleapis call: 429/5xx (and transient network errors) are retried with
 * exponential backoff (base, 2·base, 4·base, … or the server's Retry-After when longer),
 * up to `attempts` in all; the final failure is mapped to a UserError.
 */
export async function callGoogle<T>(
  fn: () => Promise<T>,
  target: GoogleTarget,
  retry: RetryOptions = {},
): Promise<T> {
  const attempts = Math.max(1, retry.attempts ?? 5);
  const base = retry.baseMs ?? 200;
  const sleep = retry.sleep ?? realSleep;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      const f = failure(e);
      const wait = f && Math.max(base * 2 ** (attempt - 1), f.retryAfterMs ?? 0);
      if (!f || !retryable(f) || attempt >= attempts || wait === undefined || wait > MAX_WAIT_MS)
        throw await toUserError(e, target);
      await sleep(wait);
    }
  }
}
