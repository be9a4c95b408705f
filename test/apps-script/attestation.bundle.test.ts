/**
 * The attestation menu items in the built dist/Code.js, in a bare vm with the fakes: the
 * hand-made two-quarter workbook gets its «Итоги» sheets (the typed override kept), the clash
 * lands on «Проблемы» naming both rows, and the notices record «Сообщено» once.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import vm from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
import { SheetsWorkbook } from "../../src/apps-script/sheets-workbook.js";
import { XlsxWorkbook } from "../../src/node/xlsx-workbook.js";
import { createFakes, type SeedValue } from "../fakes/index.js";
import { pinContextClock } from "../support/vm-clock.js";

const root = new URL("../../", import.meta.url).pathname;
const FIXTURE = new URL("../fixtures/attestation/two-quarters.xlsx", import.meta.url).pathname;
let code = "";
let sheets: Record<string, SeedValue[][]> = {};

beforeAll(async () => {
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: root, stdio: "pipe" });
  code = readFileSync(`${root}dist/Code.js`, "utf8");
  const wb = await XlsxWorkbook.open(FIXTURE);
  const names = wb.sheetNames();
  const tables = wb.read(names);
  sheets = Object.fromEntries(names.map((n) => [n, (tables.get(n)?.values ?? []) as SeedValue[][]]));
}, 60_000);

function bare() {
  const fakes = createFakes({ spreadsheet: { sheets: structuredClone(sheets) } });
  const context = vm.createContext({ ...fakes.globals, console });
  pinContextClock(context, "2026-12-20T09:00:00Z");
  vm.runInContext(code, context, { filename: "Code.js" });
  const read = (name: string) =>
    new SheetsWorkbook(fakes.spreadsheet as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet)
      .read([name])
      .get(name)?.values ?? [];
  return { fakes, call: (name: string) => (context[name] as () => void)(), read };
}

describe("attestation in dist/Code.js", () => {
  it("«Обновить аттестацию и итоги» writes the period results and the clash naming both rows", () => {
    const { fakes, call, read } = bare();
    call("menuAttestation");
    const q1 = read("Итоги 1 четверть");
    const s2 = q1.find((r) => r[0] === "S2" && r[3] === "G1")!;
    expect([s2[9], s2[10], s2[11], s2[12]]).toEqual(["3", 4, "4", "вручную"]);
    expect(read("Итоги 2 четверть").length).toBe(7);
    const problems = read("Проблемы").map((r) => String(r[3]));
    expect(problems).toContain(
      "Аттестация!A2 (A1) и Аттестация!A3 (A2): пересекаются по времени 12.10.2026 у учащихся S1, S2",
    );
    expect(fakes.ui.alerts[0].prompt).toMatch(
      /^Листов результатов: 3; итоги: Итоги 1 четверть, Итоги 2 четверть, Итоги Год\./,
    );
  });

  it("«Проверить расписание» includes the attestation checks", () => {
    const { call, read } = bare();
    call("menuSchedule");
    expect(read("Проблемы").some((r) => String(r[3]).includes("T1 в двух местах одновременно"))).toBe(true);
  });

  it("«Расписание аттестации: тексты» shows the notices and records «Сообщено» once", () => {
    const { fakes, call, read } = bare();
    call("menuAttestationNotices");
    const notified = read("Аттестация")
      .slice(1)
      .map((r) => r[15]);
    expect(notified.map((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d))).toEqual([
      "2026-12-20",
      "2026-12-20",
      "2026-12-20",
    ]);
    call("menuAttestationNotices");
    const dialogs = fakes.ui.shown.map((d) => d.html);
    expect(dialogs[0]).toContain("Группа G1 «Математика 9»: расписание аттестации.");
    expect(dialogs[1]).toContain("Вся аттестация уже сообщена.");
  });

  it("«Письма родителям: итоги периода…» mails each consenting family once", () => {
    const { fakes, call, read } = bare();
    fakes.ui._answer({ text: "1 четверть" });
    call("menuPeriodLetters");
    fakes.ui._answer({ text: "1 четверть" });
    call("menuPeriodLetters");
    const letters = read("Письма")
      .slice(1)
      .map((r) => [r[0], r[1], r[3]]);
    expect(letters).toEqual([
      ["Итоги 1 четверть", "S1", "email"],
      ["Итоги 1 четверть", "S2", "email"],
    ]);
    expect(fakes.ui.alerts.map((a) => a.prompt)).toEqual([
      "«1 четверть»: отправлено 2, уже было 0.",
      "«1 четверть»: отправлено 0, уже было 2.",
    ]);
  });

  it("«Отчёт за период…» writes «Итоги» and the period report as a Doc, rewritten in place on a rerun", () => {
    const { fakes, call, read } = bare();
    fakes.ui._answer({ text: "1 четверть" });
    call("menuPeriodReport");
    const id = fakes.properties.getScriptProperties().getProperty("coordinator.period.doc.1 четверть");
    expect(id).toBeTruthy();
    const text = fakes.documents.doc(String(id))._text();
    const title = text.split("\n").find((l) => l.includes("1 четверть")) ?? "";
    expect(title).toMatch(/1 четверть/);
    // The figures of the Doc are those of «Итоги 1 четверть»: S2's override in G1 is the final mark.
    const q1 = read("Итоги 1 четверть");
    expect(q1.find((r) => r[0] === "S2" && r[3] === "G1")?.[11]).toBe("4");
    expect(text).toContain("УТВЕРЖДАЮ");
    expect(fakes.ui.shown.at(-1)?.html).toContain(`https://docs.google.com/document/d/${id}`);
    const files = fakes.documents.drive.items.size;
    fakes.ui._answer({ text: "1 четверть" });
    call("menuPeriodReport");
    expect(fakes.documents.drive.items.size).toBe(files);
    const again = fakes.documents.doc(String(id))._text();
    expect(again.split("УТВЕРЖДАЮ").length).toBe(2);
    expect(again).toBe(text);
  });

  it("«Отчёт за период…» names an unknown period instead of writing anything", () => {
    const { fakes, call } = bare();
    fakes.ui._answer({ text: "5 четверть" });
    call("menuPeriodReport");
    expect(fakes.ui.alerts.at(-1)?.prompt).toBe("Нет периода «5 четверть» с датами.");
    expect(fakes.documents.drive.items.size).toBe(0);
  });
});
