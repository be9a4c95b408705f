/** Shared by the googleapis adapter tests: an auth client that never asks for a token. */
import { generateKeyPairSync } from "node:crypto";
import { auth } from "googleapis/build/src/apis/sheets/index.js";
import type { UserError } from "../../../src/node/errors.js";

/** An OAuth2 client holding a fake access token valid far into the future: no token request. */
export function testAuth() {
  const client = new auth.OAuth2();
  client.setCredentials({ access_token: "test", expiry_date: Date.now() + 365 * 86_400_000 });
  return client;
}

/** A retry policy that records its delays instead of waiting. */
export function fakeSleep() {
  const waits: number[] = [];
  return { waits, retry: { sleep: async (ms: number) => void waits.push(ms) } };
}

/** The rejection of a promise (fails the test when it resolves). */
export async function rejection(p: Promise<unknown>): Promise<UserError> {
  try {
    await p;
  } catch (e) {
    return e as UserError;
  }
  throw new Error("expected a rejection");
}

/** A user-facing message: one line, no stack trace. */
export function isCleanMessage(text: string): boolean {
  return text.length > 10 && !text.includes("\n") && !/\bat \S+ \(/.test(text) && !/Error:/.test(text);
}

/** A service account's key file contents and the public key the fake token endpoint checks. */
export function testServiceAccount(email: string) {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  return {
    email,
    publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(),
    key: {
      type: "service_account",
      project_id: "school-project",
      private_key_id: "key-1",
      private_key: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
      client_email: email,
      client_id: "1234567890",
      token_uri: "https://oauth2.googleapis.com/token",
    },
  };
}
