/**
 * «Результаты аттестации» through the real Apps Script entry point: `sidebarRpc` of the built
 * dist/Code.js in a bare `vm` context over the fakes — load, save into «Аттестация A02» under
 * the document lock, and the refusal of an attestation that is not the user's.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import vm from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
import { writeDemoSchool } from "../../src/app/demo.js";
import type { AttestationResults, RpcEnvelope } from "../../src/rpc/contract.js";
import { createFakes, type SeedValue } from "../fakes/index.js";
import { MemoryWorkbook } from "../support/memory-workbook.js";
import { pinContextClock } from "../support/vm-clock.js";

const root = new URL("../../", import.meta.url).pathname;
let code = "";
beforeAll(() => {
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: root, stdio: "pipe" });
  code = readFileSync(`${root}dist/Code.js`, "utf8");
}, 60_000);

function rpcAs(user: string) {
  const wb = new MemoryWorkbook();
  writeDemoSchool(wb, { year: 2026, lang: "ru", today: "2026-11-20" });
  const fakes = createFakes({
    spreadsheet: { sheets: Object.fromEntries(wb.sheets) as Record<string, SeedValue[][]> },
    activeUser: user,
    now: () => new Date("2026-11-23T09:00:00Z"),
  });
  const context = vm.createContext({ ...fakes.globals, console });
  pinContextClock(context, "2026-11-23T09:00:00Z");
  vm.runInContext(code, context, { filename: "Code.js" });
  const call = context.sidebarRpc as (m: string, p: unknown) => RpcEnvelope<unknown>;
  const rpc = (m: string, p: unknown) =>
    JSON.parse(JSON.stringify(call(m, p))) as RpcEnvelope<Record<string, unknown>>;
  return { rpc, fakes };
}

describe("sidebarRpc in dist/Code.js: attestation results", () => {
  it("loads the assistant's attestation and saves a result with its audit row", () => {
    const { rpc, fakes } = rpcAs("r01@school7.example");
    const l = rpc("attestationResultsLoad", {});
    if (!l.ok) throw new Error(l.error.en);
    const r = l.value as unknown as AttestationResults;
    expect(r.attestationId).toBe("A02");
    const st = r.students[0];
    const next = st.cell === "5" ? "4" : "5";
    const saved = rpc("attestationResultsSave", {
      attestationId: "A02",
      expected: { [st.id]: st.cell },
      values: { [st.id]: next },
      comments: {},
    });
    expect(saved).toMatchObject({ ok: true, value: { changed: 1 } });
    const sheet = fakes.spreadsheet._sheet("Аттестация A02")!.getDataRange().getValues();
    expect(sheet.find((x) => x[0] === st.id)?.[2]).toBe(Number(next));
    const audit = fakes.spreadsheet._sheet("Аудит")!.getDataRange().getValues();
    expect(audit.at(-1)?.slice(1, 3)).toEqual(["r01@school7.example", "attestation"]);
    expect(fakes.lock._held()).toBe(false);
  });

  it("refuses another's attestation, naming the rule", () => {
    const { rpc } = rpcAs("r01@school7.example");
    const out = rpc("attestationResultsSave", {
      attestationId: "A03",
      expected: { S001: "" },
      values: { S001: "5" },
      comments: {},
    });
    expect(out).toMatchObject({ ok: false, error: { code: "no-access" } });
    if (!out.ok) expect(out.error.ru).toContain("экзаменатор или ассистент");
  });
});
