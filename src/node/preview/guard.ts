/**
 * What the local preview accepts. It answers with the workbook's students and parents'
 * contacts and writes journal cells, so a page of another site must not reach it:
 * - DNS rebinding: a foreign name resolving to 127.0.0.1 arrives with its own Host header, so
 *   only `127.0.0.1:<port>` / `localhost:<port>` (and the explicitly allowed bind address) pass;
 * - cross-origin requests: an Origin (or Sec-Fetch-Site) that is not this server is refused;
 * - the page itself runs under a CSP that allows only its own inline script and style (by hash)
 *   and calls to itself, so an injected tag could neither run nor send data elsewhere.
 */
import { createHash } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

export const MAX_BODY = 1_000_000;

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

/** True for an address that only this machine can reach. */
export function isLoopback(host: string): boolean {
  return LOOPBACK.has(host.toLowerCase()) || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The Host values served: loopback names with the port, plus the bind address when it is not loopback. */
export function allowedHosts(bind: string, port: number): Set<string> {
  const names = ["127.0.0.1", "localhost", "[::1]"];
  if (!isLoopback(bind)) names.push(bind.includes(":") ? `[${bind}]` : bind);
  return new Set(names.map((n) => `${n}:${port}`.toLowerCase()));
}

/** null when the request may be served; else the reason (for the 403 body and the log). */
export function refusal(headers: IncomingHttpHeaders, hosts: ReadonlySet<string>): string | null {
  const host = (headers.host ?? "").toLowerCase();
  if (!hosts.has(host)) return `Host "${headers.host ?? ""}" is not this preview`;
  const origin = headers.origin;
  // A same-origin fetch may carry Origin (POST does); it must be exactly this server.
  if (origin !== undefined && origin.toLowerCase() !== `http://${host}`)
    return `Origin "${origin}" is not this preview`;
  const site = headers["sec-fetch-site"];
  if (site !== undefined && site !== "same-origin" && site !== "none")
    return `Sec-Fetch-Site "${site}" is not same-origin`;
  return null;
}

const hash = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

/** The page's Content-Security-Policy: its own inline scripts and styles by hash, fetches to itself. */
export function contentSecurityPolicy(page: string): string {
  const bodies = (tag: string) =>
    [...page.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, "gi"))].map((m) => hash(m[1]));
  const scripts = bodies("script");
  const styles = bodies("style");
  return [
    "default-src 'none'",
    `script-src ${scripts.join(" ") || "'none'"}`,
    `style-src ${styles.join(" ") || "'none'"}`,
    "connect-src 'self'",
    "img-src 'self' data:",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}
