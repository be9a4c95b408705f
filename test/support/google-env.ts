/** The CLI's view of Google in tests: the local fake server, a token file, and the env to use them. */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFakeGoogle } from "./fake-google-server.js";

export type FakeGoogle = Awaited<ReturnType<typeof startFakeGoogle>>;

export interface GoogleEnv {
  google: FakeGoogle;
  dir: string;
  tokenFile: string;
  /** The environment for `cli(args, env)`; pass another root URL to route through a proxy. */
  env(rootUrl?: string): NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export async function startGoogleEnv(): Promise<GoogleEnv> {
  const google = await startFakeGoogle();
  const dir = await mkdtemp(join(tmpdir(), "cli-google-"));
  const tokenFile = join(dir, "token.json");
  // An access token valid for a day: googleapis asks for no new one.
  await writeFile(
    tokenFile,
    JSON.stringify({
      client_id: "id",
      client_secret: "secret",
      refresh_token: "refresh",
      access_token: "test",
      expiry_date: Date.now() + 86_400_000,
      scope:
        "https://www.googleapis.com/auth/spreadsheets https://www.googleapis.com/auth/documents https://www.googleapis.com/auth/drive.file",
    }),
  );
  return {
    google,
    dir,
    tokenFile,
    env: (rootUrl = google.url) => ({
      LANG: "ru_RU.UTF-8",
      COORDINATOR_GOOGLE_ROOT_URL: `${rootUrl}/`,
      COORDINATOR_OAUTH_TOKEN: tokenFile,
    }),
    close: async () => {
      await google.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
