/** The service account's JWT grant against the fake's loopback token endpoint, signatures checked. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { accountEmail, accountKind, googleAuth, SCOPES, tokenUrlFor } from "../../../src/node/google/auth.js";
import { SheetsApiWorkbook } from "../../../src/node/google/sheets-api-workbook.js";
import { startFakeGoogle } from "../../support/fake-google-server.js";
import { fakeSleep, rejection, testServiceAccount } from "./helpers.js";

const fake = await startFakeGoogle();
const dir = await mkdtemp(join(tmpdir(), "sa-"));
afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});
fake.seedSpreadsheet("sa-book", { A: [["a"]] });

const robot = testServiceAccount("robot@school-project.iam.gserviceaccount.com");
fake.addServiceAccount({ ...robot, delegatesFor: ["coordinator@school.example"] });
const keyFile = join(dir, "robot.json");
await writeFile(keyFile, JSON.stringify(robot.key));

const open = async (extra: { subject?: string; keyFile?: string } = {}) => {
  const auth = await googleAuth({
    keyFile,
    env: {},
    scopes: [...SCOPES],
    tokenUrl: tokenUrlFor(fake.url),
    ...extra,
  });
  const wb = await SheetsApiWorkbook.open("sa-book", { auth, rootUrl: fake.url, retry: fakeSleep().retry });
  return { auth, wb };
};

describe("service-account credentials", () => {
  it("exchange a signed JWT for a token acting as the service account", async () => {
    const before = fake.state.tokens.length;
    const { auth, wb } = await open();
    expect(wb.sheetNames()).toEqual(["A"]);
    expect(fake.state.tokens.length).toBe(before + 1);
    const token = fake.state.tokens.at(-1)!;
    expect(fake.state.principals.get(token)).toEqual({
      email: robot.email,
      serviceAccount: true,
      scopes: [...SCOPES],
    });
    expect(accountKind(auth)).toBe("service-account");
    expect(accountEmail(auth)).toBe(robot.email);
  });

  it("with --impersonate act as the delegated user, named as the account to share with", async () => {
    const { auth } = await open({ subject: "coordinator@school.example" });
    const token = fake.state.tokens.at(-1)!;
    expect(fake.state.principals.get(token)).toMatchObject({
      email: "coordinator@school.example",
      serviceAccount: false,
      via: robot.email,
    });
    expect(accountKind(auth)).toBe("delegated");
    expect(accountEmail(auth)).toBe("coordinator@school.example");
  });

  it("a key Google does not know, or a user not delegated, is refused with a clean message", async () => {
    const stranger = testServiceAccount(robot.email);
    const otherKey = join(dir, "stranger.json");
    await writeFile(otherKey, JSON.stringify(stranger.key));
    const badSignature = await rejection(open({ keyFile: otherKey }));
    expect(badSignature.code).toBe("no-credentials");
    expect(badSignature.msg.ru).toMatch(/Google не принял учётные данные/);
    const notDelegated = await rejection(open({ subject: "director@school.example" }));
    expect(notDelegated.code).toBe("no-credentials");
    expect(notDelegated.msg.en).toMatch(/domain-wide delegation/);
    expect(notDelegated.msg.ru).toMatch(/director@school\.example/);
  });

  it("--impersonate with a user token says it needs a service-account key", async () => {
    const tokenFile = join(dir, "token.json");
    await writeFile(tokenFile, JSON.stringify({ client_id: "i", client_secret: "s", refresh_token: "r" }));
    const e = await rejection(
      googleAuth({ tokenFile, env: {}, scopes: [...SCOPES], subject: "coordinator@school.example" }),
    );
    expect(e.code).toBe("no-credentials");
    expect(e.msg.ru).toMatch(/--impersonate работает только с ключом сервисного аккаунта/);
  });
});
