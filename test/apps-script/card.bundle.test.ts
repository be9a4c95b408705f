/**
 * Issue 17: «Карта учащегося…» in the built bundle (dist/Code.js in a bare vm with the fakes):
 * a Google Doc per student of a class in the folder «Карты учащихся», rewritten in place on a
 * rerun, shared with the class teacher only, and the continuation after a checkpoint.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import vm from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
import { writeDemoSchool } from "../../src/app/demo.js";
import { HANDLERS } from "../../src/apps-script/handlers.js";
import { STORE_PREFIX } from "../../src/apps-script/store.js";
import { createFakes, type SeedValue } from "../fakes/index.js";
import { MemoryWorkbook } from "../support/memory-workbook.js";
import { pinContextClock } from "../support/vm-clock.js";

const root = new URL("../../", import.meta.url).pathname;
let code = "";

beforeAll(() => {
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: root, stdio: "pipe" });
  code = readFileSync(`${root}dist/Code.js`, "utf8");
}, 60_000);

function bare(edit?: (sheets: Map<string, SeedValue[][]>) => void) {
  const wb = new MemoryWorkbook();
  writeDemoSchool(wb, { year: 2026, lang: "ru", today: "2026-11-24" });
  edit?.(wb.sheets as Map<string, SeedValue[][]>);
  const settings = wb.sheets.get("Настройки") as SeedValue[][];
  settings.push(["Классные руководители", "5А: klass5a@school7.example; 9Б: klass9b@school7.example"]);
  const fakes = createFakes({
    spreadsheet: { sheets: Object.fromEntries(wb.sheets) as Record<string, SeedValue[][]> },
  });
  const context = vm.createContext({ ...fakes.globals, console });
  pinContextClock(context, "2026-11-24T09:00:00Z");
  vm.runInContext(code, context, { filename: "Code.js" });
  const students = (wb.sheets.get("Учащиеся") as SeedValue[][]).slice(1);
  return { fakes, context: context as Record<string, () => void>, students };
}

describe("«Карта учащегося…» in the bundle", () => {
  it("writes a Doc per student of 5А into its folder, in place on a rerun, shared with the class teacher", () => {
    const { fakes, context, students } = bare();
    const props = fakes.properties.getScriptProperties();
    fakes.ui._answer({ text: "5А" });
    context[HANDLERS.cards]();
    const ids = students.filter((r) => r[2] === "5А" && r[3] !== "выбыл").map((r) => String(r[0]));
    const docIds = ids.map((id) => props.getProperty(`${STORE_PREFIX}card.doc.${id}`));
    expect(docIds.every(Boolean)).toBe(true);
    expect(new Set(docIds).size).toBe(ids.length);
    const drive = fakes.documents.drive;
    const folders = [...drive.items.values()].filter((i) => i.name === "Карты учащихся");
    expect(folders).toHaveLength(1);
    for (const [i, id] of docIds.entries()) {
      const item = drive.items.get(String(id))!;
      expect(item.parents).toEqual([folders[0].id]);
      expect(item.name).toBe(`Индивидуальная карта обучающегося ${ids[i]}`);
      expect(item.viewers).toEqual(["klass5a@school7.example"]);
    }
    const text = fakes.documents.doc(String(docIds[0]))._text();
    expect(text).toContain(`Индивидуальная карта обучающегося: ${ids[0]}`);
    expect(text).toContain("Портфолио");
    expect(text).not.toMatch(new RegExp(`\\b(${ids.slice(1).join("|")})\\b`));
    expect(fakes.ui.alerts.at(-1)?.prompt).toContain(`Карт готово: ${ids.length}.`);
    // A rerun rewrites the same Docs: no new file, the body holds one card (not two).
    const files = drive.items.size;
    fakes.ui._answer({ text: ids[0] });
    context[HANDLERS.cards]();
    expect(drive.items.size).toBe(files);
    const again = fakes.documents.doc(String(docIds[0]))._text();
    expect(again.split("Индивидуальный учебный план").length).toBe(2);
  });

  it("continues a saved job in its trigger and then removes the trigger and the checkpoint", () => {
    const { fakes, context, students } = bare();
    const props = fakes.properties.getScriptProperties();
    const ids = students.slice(0, 3).map((r) => String(r[0]));
    props.setProperty(
      `${STORE_PREFIX}card.job`,
      JSON.stringify({ now: "2026-11-24T09:00:00Z", ids, next: 1 }),
    );
    context[HANDLERS.continueCards]();
    expect(props.getProperty(`${STORE_PREFIX}card.job`)).toBeNull();
    expect(props.getProperty(`${STORE_PREFIX}card.doc.${ids[0]}`)).toBeNull();
    expect(props.getProperty(`${STORE_PREFIX}card.doc.${ids[1]}`)).toBeTruthy();
    expect(props.getProperty(`${STORE_PREFIX}card.doc.${ids[2]}`)).toBeTruthy();
    const triggers = fakes.scriptApp
      .getProjectTriggers()
      .filter((t) => t.getHandlerFunction() === HANDLERS.continueCards);
    expect(triggers).toHaveLength(0);
  });

  it("refuses an unknown ID with a message and writes nothing", () => {
    const { fakes, context } = bare();
    const before = fakes.documents.drive.items.size;
    fakes.ui._answer({ text: "S999" });
    context[HANDLERS.cards]();
    expect(fakes.ui.alerts.at(-1)?.prompt).toBe("Нет учащегося с ID «S999».");
    expect(fakes.documents.drive.items.size).toBe(before);
  });
});

describe("«Проверить данные» in the bundle finds the ИУП problems at their cells", () => {
  it("puts an overload and a distance subject without a group on «Проблемы»", () => {
    const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
    const { fakes, context } = bare((sheets) => {
      const plans = sheets.get("ИУП") as SeedValue[][];
      plans.push([
        "S001",
        "Астрономия",
        20,
        "очно",
        null,
        d("2026-09-01"),
        d("2027-05-31"),
        "приказ № 9",
        null,
        null,
        null,
      ]);
      plans.push([
        "S001",
        "Черчение",
        1,
        "дистанционно",
        null,
        d("2026-09-01"),
        d("2027-05-31"),
        "приказ № 9",
        null,
        null,
        null,
      ]);
    });
    const rows = (fakes.spreadsheet._sheet("ИУП")!.getDataRange().getValues() as unknown[][]).length;
    context[HANDLERS.check]();
    const problems = fakes.spreadsheet._sheet("Проблемы")!.getDataRange().getValues() as unknown[][];
    const found = problems.slice(1).map((r) => `${r[2]} ${r[3]}`);
    expect(found).toContainEqual(
      expect.stringMatching(
        /^plan-overload Недельная нагрузка S001 \(5 класс\) — 33 ч, больше допустимых 29/,
      ),
    );
    expect(found).toContainEqual("plan-no-group «Черчение» изучается дистанционно, но группа не указана");
    const where = problems
      .slice(1)
      .filter((r) => String(r[2]).startsWith("plan-"))
      .map((r) => String(r[0]));
    expect(where).toEqual([`ИУП!E${rows}`, `ИУП!C${rows}`]);
  });
});
