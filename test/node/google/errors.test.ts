import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/node/errors.js";
import { callGoogle, type GoogleTarget, toUserError } from "../../../src/node/google/errors.js";
import { SheetsApiWorkbook } from "../../../src/node/google/sheets-api-workbook.js";
import { startFakeGoogle } from "../../support/fake-google-server.js";
import { fakeSleep, isCleanMessage, rejection, testAuth } from "./helpers.js";

const read: GoogleTarget = { kind: "spreadsheet", id: "ID1", op: "read" };
const write: GoogleTarget = { ...read, op: "write" };

/** The shape gaxios gives a failed HTTP call. */
function httpError(status: number, data?: unknown, headers?: Record<string, string>): Error {
  return Object.assign(new Error(`Request failed with status code ${status}`), {
    status,
    response: { status, data, headers: new Headers(headers) },
  });
}

function netError(code: string): Error {
  return Object.assign(new Error(`request failed, reason: ${code}`), { code });
}

describe("toUserError", () => {
  it("maps OAuth refusals to no-credentials with what to set", async () => {
    for (const e of [
      httpError(401),
      httpError(400, { error: "invalid_grant", error_description: "Token has been expired or revoked." }),
    ]) {
      const u = (await toUserError(e, read)) as UserError;
      expect(u.code).toBe("no-credentials");
      expect(u.msg.ru).toMatch(/COORDINATOR_OAUTH_TOKEN/);
      expect(u.msg.en).toMatch(/GOOGLE_APPLICATION_CREDENTIALS/);
    }
  });

  it("names the account to share with on 403, looked up only then", async () => {
    let asked = 0;
    const target = {
      ...read,
      account: async () => {
        asked++;
        return "bot@p.iam.gserviceaccount.com";
      },
    };
    const u = (await toUserError(
      httpError(403, { error: { code: 403, status: "PERMISSION_DENIED" } }),
      target,
    )) as UserError;
    expect(u.code).toBe("no-access");
    expect(u.msg.ru).toBe(
      "Нет доступа к таблице ID1; откройте доступ (редактор) для bot@p.iam.gserviceaccount.com",
    );
    expect(asked).toBe(1);
    await toUserError(httpError(404), target);
    expect(asked).toBe(1);
  });

  it("storageQuotaExceeded: a service account is told the three fixes, a person that the Drive is full", async () => {
    const quota = httpError(403, {
      error: {
        code: 403,
        message: "Service Accounts do not have storage quota.",
        errors: [{ reason: "storageQuotaExceeded" }],
      },
    });
    const doc: GoogleTarget = { kind: "document", id: "Отчёт", op: "write", account: async () => "sa@p.iam" };
    const sa = (await toUserError(quota, { ...doc, serviceAccount: true })) as UserError;
    expect(sa.code).toBe("no-access");
    expect(sa.msg.ru).toMatch(/^Google Диск не даёт сервисному аккаунту sa@p\.iam места для файлов/);
    for (const fix of ["«Папка отчётов (ID)»", "--impersonate EMAIL", "COORDINATOR_OAUTH_TOKEN"])
      expect(sa.msg.ru).toContain(fix);
    expect(sa.msg.en).toContain('"Report folder (ID)"');
    const person = (await toUserError(quota, { ...doc, account: async () => undefined })) as UserError;
    expect(person.code).toBe("quota");
    expect(person.msg.ru).toMatch(/^Google Диск этой учётной записи заполнен/);
    expect(person.msg.ru).not.toMatch(/сервисн/);
  });

  it("tells a disabled API and a token without scopes apart from a missing share", async () => {
    const disabled = (await toUserError(
      httpError(403, { error: { status: "PERMISSION_DENIED", details: [{ reason: "SERVICE_DISABLED" }] } }),
      read,
    )) as UserError;
    expect(disabled.code).toBe("no-access");
    expect(disabled.msg.ru).toMatch(/не включён/);
    const scopes = (await toUserError(
      httpError(403, { error: { details: [{ reason: "ACCESS_TOKEN_SCOPE_INSUFFICIENT" }] } }),
      read,
    )) as UserError;
    expect(scopes.code).toBe("no-credentials");
  });

  it("explains an .xlsx opened by ID, a refused write, and passes programming errors through", async () => {
    const xlsx = (await toUserError(
      httpError(400, {
        error: {
          status: "FAILED_PRECONDITION",
          message: "This operation is not supported for this document",
        },
      }),
      read,
    )) as UserError;
    expect(xlsx.code).toBe("not-found");
    expect(xlsx.msg.ru).toMatch(/Сохранить как Google Таблицу/);
    const refused = (await toUserError(
      httpError(400, { error: { message: "Invalid requests[3]: bad" } }),
      write,
    )) as UserError;
    expect(refused.code).toBe("write-failed");
    expect(refused.msg.en).toContain("Invalid requests[3]: bad");
    const bug = new TypeError("x is not a function");
    expect(await toUserError(bug, read)).toBe(bug);
  });

  it("gives every message in both languages on one line", async () => {
    for (const e of [
      httpError(401),
      httpError(403),
      httpError(404),
      httpError(429),
      httpError(502),
      netError("ENOTFOUND"),
    ]) {
      const u = (await toUserError(e, write)) as UserError;
      expect(u).toBeInstanceOf(UserError);
      expect(isCleanMessage(u.msg.ru) && isCleanMessage(u.msg.en)).toBe(true);
      expect(u.msg.ru).toMatch(/[а-яё]{4}/);
    }
  });
});

describe("callGoogle retries", () => {
  it("retries 429, 5xx, a rate-limit 403 and a timeout, then succeeds", async () => {
    const { waits, retry } = fakeSleep();
    const errors = [
      httpError(429),
      httpError(503),
      httpError(403, { error: { errors: [{ reason: "userRateLimitExceeded" }] } }),
      netError("ETIMEDOUT"),
    ];
    let calls = 0;
    const v = await callGoogle(
      async () => {
        calls++;
        const e = errors.shift();
        if (e) throw e;
        return "ok";
      },
      read,
      retry,
    );
    expect(v).toBe("ok");
    expect(calls).toBe(5);
    expect(waits).toEqual([200, 400, 800, 1600]);
  });

  it("waits as long as Retry-After asks, but not a minute and more", async () => {
    const { waits, retry } = fakeSleep();
    let n = 0;
    await callGoogle(
      async () => {
        if (n++ === 0) throw httpError(429, undefined, { "retry-after": "3" });
        return 1;
      },
      read,
      retry,
    );
    expect(waits).toEqual([3000]);
    const long = await rejection(
      callGoogle(
        async () => {
          throw httpError(429, undefined, { "retry-after": "120" });
        },
        read,
        retry,
      ),
    );
    expect(long.code).toBe("quota");
    expect(waits).toEqual([3000]);
  });

  it("does not retry what will not heal: 400, 401, 403, 404, a refused connection", async () => {
    for (const e of [
      httpError(400),
      httpError(401),
      httpError(403),
      httpError(404),
      netError("ECONNREFUSED"),
    ]) {
      const { waits, retry } = fakeSleep();
      let calls = 0;
      await rejection(
        callGoogle(
          async () => {
            calls++;
            throw e;
          },
          read,
          retry,
        ),
      );
      expect([calls, waits.length]).toEqual([1, 0]);
    }
  });
});

describe("errors through googleapis and the local server", () => {
  it("a 403 saying the API is disabled, and a rate-limit 403 that passes", async () => {
    const fake = await startFakeGoogle();
    try {
      fake.seedSpreadsheet("s", { S: [["x"]] });
      const { waits, retry } = fakeSleep();
      const opts = { auth: testAuth(), rootUrl: fake.url, retry };
      fake.failNext(403, 1, "SERVICE_DISABLED");
      expect((await rejection(SheetsApiWorkbook.open("s", opts))).msg.ru).toMatch(/не включён/);
      fake.failNext(403, 1, "rateLimitExceeded");
      expect((await SheetsApiWorkbook.open("s", opts)).sheetNames()).toEqual(["S"]);
      expect(waits).toEqual([200]);
    } finally {
      await fake.close();
    }
  });
});
