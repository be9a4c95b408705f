import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Auth } from "googleapis";
import { auth as lib } from "googleapis/build/src/apis/sheets/index.js";
import { afterAll, describe, expect, it } from "vitest";
import {
  accountEmail,
  googleAuth,
  SCOPE_DOCUMENTS,
  SCOPE_DRIVE_FILE,
  SCOPE_SPREADSHEETS,
  SCOPES,
} from "../../../src/node/google/auth.js";
import { SheetsApiWorkbook } from "../../../src/node/google/sheets-api-workbook.js";
import { startFakeGoogle } from "../../support/fake-google-server.js";
import { rejection } from "./helpers.js";

const dir = await mkdtemp(join(tmpdir(), "gauth-"));
afterAll(() => rm(dir, { recursive: true, force: true }));
const file = async (name: string, content: unknown) => {
  const p = join(dir, name);
  await writeFile(p, typeof content === "string" ? content : JSON.stringify(content));
  return p;
};
const saKey = {
  type: "service_account",
  project_id: "p",
  client_email: "coordinator@p.iam.gserviceaccount.com",
  private_key: "-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----\n",
};
const token = {
  client_id: "cid.apps.googleusercontent.com",
  client_secret: "secret",
  refresh_token: "1//refresh",
};
const scopes = [...SCOPES];

describe("googleAuth", () => {
  it("lists the three narrow scopes", () => {
    expect(SCOPES).toEqual([
      "https://www.googleapis.com/auth/spreadsheets",
      "https://www.googleapis.com/auth/documents",
      "https://www.googleapis.com/auth/drive.file",
    ]);
    expect([SCOPE_SPREADSHEETS, SCOPE_DOCUMENTS, SCOPE_DRIVE_FILE]).toEqual(SCOPES);
  });

  it("without credentials says exactly what to set, in both languages", async () => {
    const e = await rejection(googleAuth({ env: {}, scopes }));
    expect(e.code).toBe("no-credentials");
    for (const text of [e.msg.ru, e.msg.en]) {
      expect(text).toContain("GOOGLE_APPLICATION_CREDENTIALS");
      expect(text).toContain("--credentials");
      expect(text).toContain("COORDINATOR_OAUTH_TOKEN");
      expect(text).toContain("refresh_token");
    }
    expect(e.msg.ru).toMatch(/^Нет учётных данных Google: задайте/);
  });

  it("uses a service-account key from GOOGLE_APPLICATION_CREDENTIALS, with the scopes and its email", async () => {
    const keyFile = await file("sa.json", saKey);
    const client = await googleAuth({ env: { GOOGLE_APPLICATION_CREDENTIALS: keyFile }, scopes });
    // A JWT client: it can carry --impersonate's subject.
    expect(client).toBeInstanceOf(lib.JWT);
    expect(accountEmail(client)).toBe("coordinator@p.iam.gserviceaccount.com");
    const jwt = client as Auth.JWT;
    expect(jwt.email).toBe("coordinator@p.iam.gserviceaccount.com");
    expect(jwt.scopes).toEqual(scopes);
  });

  it("prefers --credentials over the environment, and a token file over nothing", async () => {
    const keyFile = await file("sa2.json", saKey);
    const tokenFile = await file("token.json", token);
    const fromFlag = await googleAuth({ keyFile, env: { COORDINATOR_OAUTH_TOKEN: tokenFile }, scopes });
    expect(fromFlag).toBeInstanceOf(lib.JWT);
    const fromEnv = await googleAuth({ env: { COORDINATOR_OAUTH_TOKEN: tokenFile }, scopes });
    expect(fromEnv).toBeInstanceOf(lib.OAuth2);
    expect((fromEnv as Auth.OAuth2Client).credentials.refresh_token).toBe("1//refresh");
    expect((fromEnv as Auth.OAuth2Client)._clientId).toBe(token.client_id);
    expect(accountEmail(fromEnv)).toBeUndefined();
  });

  it("names the file and what is wrong with it", async () => {
    const missing = join(dir, "nope.json");
    const cases: [() => Promise<unknown>, RegExp][] = [
      [() => googleAuth({ keyFile: missing, env: {}, scopes }), /nope\.json \(ENOENT\)/],
      [
        async () => googleAuth({ keyFile: await file("bad.json", "{not json"), env: {}, scopes }),
        /Key file .*bad\.json is not a JSON object/,
      ],
      [
        async () =>
          googleAuth({ keyFile: await file("nokey.json", { ...saKey, private_key: "" }), env: {}, scopes }),
        /lacks a service account's client_email and private_key/,
      ],
      [
        async () =>
          googleAuth({
            tokenFile: await file("t.json", { ...token, refresh_token: undefined }),
            env: {},
            scopes,
          }),
        /lacks client_id, client_secret or refresh_token/,
      ],
      [
        async () =>
          googleAuth({
            tokenFile: await file("t2.json", { ...token, scope: SCOPE_SPREADSHEETS }),
            env: {},
            scopes,
          }),
        /granted without .*documents.*drive\.file/,
      ],
    ];
    for (const [p, en] of cases) {
      const e = await rejection(p());
      expect(e.code).toBe("no-credentials");
      expect(e.msg.en).toMatch(en);
      expect(e.msg.ru).toMatch(/[а-я]/);
    }
  });

  it("a stored user token is exchanged for an access token on the first call, then used", async () => {
    const fake = await startFakeGoogle();
    try {
      fake.seedSpreadsheet("s1", { S: [["x"]] });
      const client = (await googleAuth({
        env: { COORDINATOR_OAUTH_TOKEN: await file("token-e2e.json", token) },
        scopes,
      })) as Auth.OAuth2Client;
      // Only the token endpoint moves to the local server; the client is the one googleAuth built.
      Object.assign(client, { endpoints: { ...client.endpoints, oauth2TokenUrl: `${fake.url}token` } });
      const wb = await SheetsApiWorkbook.open("s1", { auth: client, rootUrl: fake.url });
      expect(wb.sheetNames()).toEqual(["S"]);
      expect(fake.calls.map((c) => `${c.method} ${c.path}`)).toEqual([
        "POST /token",
        "GET /v4/spreadsheets/s1",
      ]);
      expect(fake.calls[0].body).toMatchObject({ grant_type: "refresh_token", refresh_token: "1//refresh" });
      expect(fake.state.tokens).toHaveLength(1);
    } finally {
      await fake.close();
    }
  });
});
