/**
 * Issue 20 (a) through the real entry points: the same dist/Code.js bound to the tutors'
 * journal spreadsheet (the master's sync made it, marker included), in a bare `vm` over the
 * fakes. onOpen builds the lesson menu alone, openSidebar shows the page, sidebarRpc answers
 * only the lesson calls: a tutor loads their tab's lesson and saves marks; a tab not theirs
 * is refused; a stale cell is refused; the master's calls are refused; a topic typed as a
 * formula is stored as text.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import vm from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
import { JOURNAL_BOOK_KEY, journalBookFromMenu } from "../../src/apps-script/actions/journal-book.js";
import { HANDLERS } from "../../src/apps-script/handlers.js";
import { STORE_PREFIX } from "../../src/apps-script/store.js";
import type { LessonSheet, RpcEnvelope } from "../../src/rpc/contract.js";
import { createFakes, type SeedValue } from "../fakes/index.js";
import { presenceTables } from "../support/presence-school.js";
import { pinContextClock } from "../support/vm-clock.js";

const root = new URL("../../", import.meta.url).pathname;
const NOW = "2026-12-02T18:00:00Z";
const G01 = "Журнал G01";
const ORLOV = "orlov@school.ru";
const VOLKOV = "volkov@school.ru";
let code = "";
beforeAll(() => {
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: root, stdio: "pipe" });
  code = readFileSync(`${root}dist/Code.js`, "utf8");
}, 60_000);

/** The master syncs once (in process), then the bundle runs bound to the journal spreadsheet. */
function journalBound() {
  const f = createFakes({
    spreadsheet: { sheets: presenceTables() as Record<string, SeedValue[][]> },
    activeUser: "coordinator@school.ru",
    now: () => new Date(NOW),
    htmlFiles: { Sidebar: "<p>sidebar</p>" },
  });
  const restore = f.install();
  try {
    journalBookFromMenu();
  } finally {
    restore();
  }
  const master = f.spreadsheetApp.activeFile!;
  const id = f.properties.getScriptProperties().getProperty(STORE_PREFIX + JOURNAL_BOOK_KEY)!;
  const journal = f.spreadsheetApp.files.get(id)!;
  f.spreadsheetApp.activeFile = journal;
  const as = (user: string) => {
    f.env.activeUser = user;
    f.env.effectiveUser = user;
  };
  as(ORLOV);
  const context = vm.createContext({ ...f.globals, console });
  pinContextClock(context, NOW);
  vm.runInContext(code, context, { filename: "Code.js" });
  const rpc = (m: string, p: unknown) =>
    JSON.parse(
      JSON.stringify((context.sidebarRpc as (m: string, p: unknown) => unknown)(m, p)),
    ) as RpcEnvelope<Record<string, unknown>>;
  const call = (name: string) => (context[name] as () => void)();
  return { f, master, journal, as, rpc, call };
}

function saveOf(l: LessonSheet, values: Record<string, string>) {
  return {
    groupId: l.groupId,
    date: l.date,
    index: l.index,
    expected: Object.fromEntries(l.students.map((s) => [s.id, s.cell])),
    values,
    topic: null,
    reasons: {},
  };
}

describe("dist/Code.js bound to the tutors' journal workbook", () => {
  it("onOpen: the lesson menu alone; openSidebar: the page; the master keeps its menu", () => {
    const b = journalBound();
    b.call("onOpen");
    expect(b.f.ui.menus.map((m) => [m.caption, m.items])).toEqual([
      ["Журнал", [{ type: "item", caption: "Урок", functionName: HANDLERS.sidebar }]],
    ]);
    b.call(HANDLERS.sidebar);
    expect(b.f.ui.shown.map((s) => [s.kind, s.title])).toEqual([["sidebar", "Журнал: урок"]]);
    b.f.spreadsheetApp.activeFile = b.master;
    b.f.ui.menus.length = 0;
    b.call("onOpen");
    expect(b.f.ui.menus.map((m) => m.caption)).toEqual(["Дистанционное обучение"]);
  });

  it("a tutor loads their tab's lesson and saves marks; the topic typed as a formula stays text", () => {
    const b = journalBound();
    const ctx = b.rpc("context", {});
    if (!ctx.ok) throw new Error(ctx.error.en);
    expect([ctx.value.journalOnly, (ctx.value.groups as { id: string }[]).map((g) => g.id)]).toEqual([
      true,
      ["G01"],
    ]);
    const loaded = b.rpc("lessonLoad", { groupId: "G01" });
    if (!loaded.ok) throw new Error(loaded.error.en);
    const l = loaded.value as unknown as LessonSheet;
    expect([l.date, l.column, l.students.map((s) => `${s.id}:${s.cell}`)]).toEqual([
      "2026-12-02",
      "D",
      ["S001:5", "S002:", "S003:", "S004:"],
    ]);
    const saved = b.rpc("lessonSave", {
      ...saveOf(l, { S002: "н", S003: "4" }),
      topic: { expected: "", topic: '=IMPORTXML("http://x.example","//a")', homework: "" },
    });
    if (!saved.ok) throw new Error(saved.error.en);
    expect([saved.value.changed, saved.value.range]).toEqual([2, `${G01}!D4:D5`]);
    const tab = b.journal.getSheetByName(G01)!;
    expect(tab.getRange("D4:D5").getValues()).toEqual([["н"], [4]]);
    expect(tab.getRange("D2").getFormula()).toBe("");
    expect(String(tab.getRange("D2").getValue())).toContain("IMPORTXML");
    expect(b.f.lock.waits.map((w) => w.scope)).toContain("document");
  });

  it("refuses a tab not theirs, a stale cell and every call but the lesson's", () => {
    const b = journalBound();
    const l = (b.rpc("lessonLoad", { groupId: "G01" }) as { value: unknown }).value as LessonSheet;
    b.as(VOLKOV);
    const other = b.rpc("lessonSave", saveOf(l, { S002: "5" }));
    expect(other.ok || [other.error.code, other.error.ru]).toEqual([
      "no-access",
      expect.stringContaining("вкладку «Журнал G01» правят только"),
    ]);
    b.as(ORLOV);
    b.journal.getSheetByName(G01)!.getRange("D4").setValue("б"); // typed in the tab meanwhile
    const stale = b.rpc("lessonSave", saveOf(l, { S002: "5" }));
    expect(stale.ok || [stale.error.code, stale.error.ru]).toEqual([
      "conflict",
      expect.stringContaining("Журнал G01!D4 уже изменили после загрузки"),
    ]);
    expect(b.journal.getSheetByName(G01)!.getRange("D4").getValue()).toBe("б");
    for (const m of ["weekLoad", "studentSave", "reportBuild", "enroll"]) {
      const r = b.rpc(m, {});
      expect(r.ok || r.error.code).toBe("bad-args");
    }
  });
});
