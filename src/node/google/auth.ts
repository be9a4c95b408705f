/**
 * Credentials for the googleapis adapters: a service-account key file, or a user's OAuth
 * token saved by an installed-app flow. Nothing here talks to the network: tokens are
 * fetched by the client on its first request.
 */
import { readFile } from "node:fs/promises";
import type { Auth } from "googleapis";
import { auth as googleAuthLib } from "googleapis/build/src/apis/sheets/index.js";
import { UserError } from "../errors.js";

/** Read and write the coordinator's workbook (Sheets has no narrower scope outside Apps Script). */
export const SCOPE_SPREADSHEETS = "https://www.googleapis.com/auth/spreadsheets";
/** Create and update the monthly report as a Google Doc. */
export const SCOPE_DOCUMENTS = "https://www.googleapis.com/auth/documents";
/** Create, move and share only the files the program itself created (not the whole Drive). */
export const SCOPE_DRIVE_FILE = "https://www.googleapis.com/auth/drive.file";
/** Everything the CLI's Google commands need. */
export const SCOPES = [SCOPE_SPREADSHEETS, SCOPE_DOCUMENTS, SCOPE_DRIVE_FILE] as const;

/** What googleapis accepts as `auth`. */
export type GoogleAuthClient = Auth.GoogleAuth | Auth.OAuth2Client;

export interface GoogleAuthOptions {
  /** --credentials: a service-account key file; wins over the environment. */
  keyFile?: string;
  /** A stored OAuth token file; wins over COORDINATOR_OAUTH_TOKEN. */
  tokenFile?: string;
  env: NodeJS.ProcessEnv;
  scopes: readonly string[];
  /**
   * --impersonate: a service account acts as this Workspace user (domain-wide delegation), so
   * the files it makes belong to the user and count against the user's storage.
   */
  subject?: string;
  /** The OAuth token endpoint (tests: the fake's, on loopback); default Google's. */
  tokenUrl?: string;
}

/** Where google-auth-library (gtoken, OAuth2Client) sends every token request. */
export const GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token";

const HOW: { ru: string; en: string } = {
  ru:
    "задайте GOOGLE_APPLICATION_CREDENTIALS=/путь/key.json (или --credentials key.json) — ключ сервисного " +
    "аккаунта, которому открыт доступ к таблице, — либо COORDINATOR_OAUTH_TOKEN=/путь/token.json — файл JSON " +
    "с client_id, client_secret и refresh_token, полученный через вход OAuth для установленного приложения",
  en:
    "set GOOGLE_APPLICATION_CREDENTIALS=/path/key.json (or --credentials key.json) — a service-account key " +
    "the spreadsheet is shared with — or COORDINATOR_OAUTH_TOKEN=/path/token.json — a JSON file with " +
    "client_id, client_secret and refresh_token from an installed-app OAuth sign-in",
};

function noCredentials(ru: string, en: string): UserError {
  return new UserError("no-credentials", { ru: `${ru}: ${HOW.ru}`, en: `${en}: ${HOW.en}` });
}

async function readJson(path: string, what: { ru: string; en: string }): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "";
    throw noCredentials(
      `Не удаётся прочитать ${what.ru} ${path} (${code})`,
      `Cannot read ${what.en} ${path} (${code})`,
    );
  }
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw noCredentials(
    `${cap(what.ru)} ${path} — не JSON-объект`,
    `${cap(what.en)} ${path} is not a JSON object`,
  );
}

/** The service account's email per client, known from its key without asking Google. */
const emails = new WeakMap<object, string>();

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v : undefined);

/** How the client identifies itself: a service account as itself, as a user, or a user's token. */
const kinds = new WeakMap<object, "service-account" | "delegated" | "user">();

/**
 * Send the client's token requests to `tokenUrl` instead of Google's endpoint (which the
 * library hard-codes): only tests point it elsewhere, at the fake's loopback /token.
 */
function redirectTokenRequests(client: Auth.OAuth2Client, tokenUrl: string | undefined): void {
  if (!tokenUrl || tokenUrl === GOOGLE_TOKEN_URL) return;
  client.transporter.interceptors.request.add({
    resolved: async (config) => {
      if (String(config.url) === GOOGLE_TOKEN_URL) config.url = new URL(tokenUrl);
      return config;
    },
  });
}

async function serviceAccount(path: string, opts: GoogleAuthOptions): Promise<GoogleAuthClient> {
  const what = { ru: "файл ключа", en: "key file" };
  const key = await readJson(path, what);
  // GoogleAuth also takes gcloud's "authorized_user" files; a service account needs its key.
  const ok =
    key.type === "authorized_user"
      ? Boolean(str(key.client_id) && str(key.client_secret) && str(key.refresh_token))
      : Boolean(str(key.client_email) && str(key.private_key)?.includes("PRIVATE KEY"));
  if (!ok)
    throw noCredentials(
      `В файле ключа ${path} нет client_email и private_key сервисного аккаунта`,
      `Key file ${path} lacks a service account's client_email and private_key`,
    );
  if (key.type === "authorized_user") {
    if (opts.subject) throw impersonationNeedsKey();
    const client = new googleAuthLib.GoogleAuth({ keyFile: path, scopes: [...opts.scopes] });
    return client;
  }
  const email = str(key.client_email)!;
  // A JWT client (not GoogleAuth): it takes the subject for delegation and its transporter
  // can be pointed at a test token endpoint.
  const client = new googleAuthLib.JWT({
    email,
    key: str(key.private_key),
    keyId: str(key.private_key_id),
    scopes: [...opts.scopes],
    subject: opts.subject,
  });
  redirectTokenRequests(client, opts.tokenUrl);
  emails.set(client, opts.subject ?? email);
  kinds.set(client, opts.subject ? "delegated" : "service-account");
  return client;
}

function impersonationNeedsKey(): UserError {
  return new UserError("no-credentials", {
    ru: "--impersonate работает только с ключом сервисного аккаунта (--credentials key.json или GOOGLE_APPLICATION_CREDENTIALS), которому администратор домена разрешил делегирование",
    en: "--impersonate works only with a service-account key (--credentials key.json or GOOGLE_APPLICATION_CREDENTIALS) granted domain-wide delegation by the domain's admin",
  });
}

async function userToken(path: string, opts: GoogleAuthOptions): Promise<Auth.OAuth2Client> {
  if (opts.subject) throw impersonationNeedsKey();
  const scopes = opts.scopes;
  const what = { ru: "файл токена OAuth", en: "OAuth token file" };
  const t = await readJson(path, what);
  const clientId = str(t.client_id);
  const clientSecret = str(t.client_secret);
  const refreshToken = str(t.refresh_token);
  if (!clientId || !clientSecret || !refreshToken)
    throw noCredentials(
      `В файле токена ${path} нет client_id, client_secret или refresh_token`,
      `Token file ${path} lacks client_id, client_secret or refresh_token`,
    );
  // The scopes of a user token were fixed at consent: say early which are missing.
  const granted = str(t.scope)?.split(/\s+/);
  const missing = granted ? scopes.filter((s) => !granted.includes(s)) : [];
  if (missing.length)
    throw noCredentials(
      `Токен в ${path} выдан без разрешений ${missing.join(", ")}; войдите заново`,
      `The token in ${path} was granted without ${missing.join(", ")}; sign in again`,
    );
  const client = new googleAuthLib.OAuth2(clientId, clientSecret);
  redirectTokenRequests(client, opts.tokenUrl);
  kinds.set(client, "user");
  client.setCredentials({
    refresh_token: refreshToken,
    access_token: str(t.access_token),
    expiry_date: typeof t.expiry_date === "number" ? t.expiry_date : undefined,
  });
  return client;
}

/**
 * The auth client for googleapis. Order: --credentials, a given token file,
 * GOOGLE_APPLICATION_CREDENTIALS, COORDINATOR_OAUTH_TOKEN; none -> UserError("no-credentials").
 */
export async function googleAuth(opts: GoogleAuthOptions): Promise<GoogleAuthClient> {
  if (opts.keyFile) return serviceAccount(opts.keyFile, opts);
  if (opts.tokenFile) return userToken(opts.tokenFile, opts);
  const keyFile = str(opts.env.GOOGLE_APPLICATION_CREDENTIALS);
  if (keyFile) return serviceAccount(keyFile, opts);
  const tokenFile = str(opts.env.COORDINATOR_OAUTH_TOKEN);
  if (tokenFile) return userToken(tokenFile, opts);
  throw noCredentials("Нет учётных данных Google", "No Google credentials");
}

/** The email to share files with: a service account's client_email (a user token has none to tell). */
export function accountEmail(client: GoogleAuthClient): string | undefined {
  const email = emails.get(client) ?? (client as { email?: unknown }).email;
  return typeof email === "string" ? email : undefined;
}

/**
 * "service-account": a service account acting as itself, which owns no Drive storage, so the
 * report Doc must go to a shared drive; "delegated": one acting as a user (--impersonate);
 * "user": a user's OAuth token. Undefined for gcloud's authorized_user files (a user too).
 */
export function accountKind(client: GoogleAuthClient): "service-account" | "delegated" | "user" | undefined {
  return kinds.get(client);
}

/** The test token endpoint beside a root URL given for the APIs (COORDINATOR_GOOGLE_ROOT_URL). */
export function tokenUrlFor(rootUrl: string | undefined): string | undefined {
  return rootUrl ? `${rootUrl.replace(/\/+$/, "")}/token` : undefined;
}
