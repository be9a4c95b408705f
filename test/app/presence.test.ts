/**
 * Issue 19 "done when": on the week's fixtures (Meet ru/en, Zoom en/ru, Moodle ru) a late
 * teacher, an absent student with a blank cell, a student marked present who never joined, a
 * person in two rows, an unknown login; a second import changes nothing; apply fills only
 * blank cells, each write audited.
 */
import { describe, expect, it } from "vitest";
import { checkWorkbook } from "../../src/app/check.js";
import { importPresence } from "../../src/app/presence.js";
import type { PresenceRow } from "../../src/core/presence/types.js";
import { presenceWorkbook, weekFiles } from "../support/presence-school.js";

const now = new Date("2026-12-05T09:00:00Z");
const opts = (apply: boolean) => ({ apply, now, who: "coordinator@school.ru" });

const find = (rows: PresenceRow[], date: string, id: string) =>
  rows.find((r) => r.date === date && (r.personId === id || r.login === id));

const snapshot = (wb: ReturnType<typeof presenceWorkbook>) => JSON.stringify([...wb.sheets]);

describe("presence import on a week of lessons", () => {
  it("matches every export to its lesson and gives the verdicts", () => {
    const wb = presenceWorkbook();
    const res = importPresence(wb, weekFiles(), opts(false));
    expect(res.files.map((f) => [f.kind, f.sessions])).toEqual([
      ["meet", 5],
      ["meet", 6],
      ["moodle", 4],
      ["zoom", 5],
      ["zoom", 3],
    ]);
    expect(res.fileIssues).toEqual([]);
    // Five lessons covered: Mon G01, Tue G02, Wed G01, Thu G02, Fri G03.
    const lessons = new Set(res.rows.map((r) => `${r.date} ${r.groupId}`));
    expect([...lessons]).toEqual([
      "2026-11-30 G01",
      "2026-12-01 G02",
      "2026-12-02 G01",
      "2026-12-03 G02",
      "2026-12-04 G03",
    ]);
    // A late teacher (Meet, 10:12 for 10:00) and the tutor on time.
    expect(find(res.rows, "2026-11-30", "T01")).toMatchObject({
      role: "teacher",
      verdict: "late",
      lateBy: 12,
      minutes: 33,
    });
    expect(find(res.rows, "2026-11-30", "T02")).toMatchObject({
      role: "tutor",
      verdict: "present",
      minutes: 45,
    });
    // Moodle: the teacher's first event 20 minutes in.
    expect(find(res.rows, "2026-12-04", "T01")).toMatchObject({
      verdict: "late",
      lateBy: 20,
      sources: "moodle",
    });
    expect(find(res.rows, "2026-12-04", "S001")).toMatchObject({
      verdict: "present",
      firstJoin: "14:02",
      lastLeave: "14:31",
      minutes: 29,
    });
    // Moodle: an event at 09:15 is outside the 14:00 lesson.
    expect(find(res.rows, "2026-12-04", "S002")).toMatchObject({ verdict: "absent" });
    // A person in two Zoom rows: one row, the gap left out of the minutes.
    const ivanov = res.rows.filter((r) => r.date === "2026-12-01" && r.personId === "S001");
    expect(ivanov).toHaveLength(1);
    expect(ivanov[0]).toMatchObject({
      minutes: 42,
      firstJoin: "12:00",
      lastLeave: "12:45",
      verdict: "present",
    });
    // Zoom by the meeting ID in «Ссылка»; Meet by the code; a student's second login.
    expect(find(res.rows, "2026-12-02", "S002")).toMatchObject({ verdict: "present", sources: "meet" });
    // An unknown login is kept as a row and listed.
    expect(find(res.rows, "2026-11-30", "guest123@gmail.com")).toMatchObject({
      role: "unknown",
      verdict: "unknown-login",
      minutes: 20,
    });
    expect(res.unknown).toEqual([
      { login: "guest123@gmail.com", name: "Гость", file: "meet-2026-11-30-ru.csv", line: 8 },
    ]);
  });

  it("lists the differences with the journals on «Проблемы», with links to the cells", () => {
    const wb = presenceWorkbook();
    const res = importPresence(wb, weekFiles(), opts(false));
    const byCode = (code: string) =>
      res.differences.filter((i) => i.code === code).map((i) => `${i.sheet}!${i.cell}`);
    expect(byCode("presence-blank-absent")).toEqual(["Журнал G01!C3", "Журнал G02!C4", "Журнал G03!C3"]);
    expect(byCode("presence-marked-no-log")).toEqual(["Журнал G01!C5"]);
    expect(byCode("presence-no-column")).toEqual(["Журнал G02!"]);
    expect(res.fills.map((f) => [f.studentId, f.date, f.value])).toEqual([
      ["S002", "2026-11-30", "н"],
      ["S003", "2026-12-01", "н"],
      ["S002", "2026-12-04", "н"],
    ]);
    const problems = wb.sheets.get("Проблемы")!;
    expect(problems[0]).toEqual(["Где", "Важность", "Код", "Сообщение"]);
    const blank = problems.find((r) => r[2] === "presence-blank-absent")!;
    expect(blank[0]).toBe(`=HYPERLINK("#'Журнал G01'!C3","Журнал G01!C3")`);
    expect(blank[3]).toBe(
      "S002, урок 30.11.2026 10:00–10:45: клетка пустая, а в СДО входа не было — поставьте «н» (или «у», «б»)",
    );
    expect(
      problems.some((r) => r[2] === "presence-unknown-login" && String(r[3]).includes("guest123@gmail.com")),
    ).toBe(true);
    // Without apply the journals are untouched.
    expect(wb.sheets.get("Журнал G01")![2]).toEqual(["S002", "Петрова Анна", null, null]);
    expect(wb.sheets.has("Аудит")).toBe(false);
  });

  it("writes the presence sheet, names of students only with consent", () => {
    const wb = presenceWorkbook();
    importPresence(wb, weekFiles(), opts(false));
    const sheet = wb.sheets.get("Присутствие в СДО")!;
    expect(sheet[0].slice(0, 6)).toEqual(["Дата", "Группа", "№ урока", "Начало", "Окончание", "ID"]);
    expect(sheet[1]).toEqual([
      "2026-11-30",
      "G01",
      1,
      "10:00",
      "10:45",
      "T01",
      "преподаватель",
      "Смирнова Ольга",
      "",
      33,
      "10:12",
      "10:45",
      "опоздал на 12 мин",
      "meet",
    ]);
    const s003 = sheet.find((r) => r[0] === "2026-11-30" && r[5] === "S003")!;
    expect(s003[7]).toBe(""); // S003 has no data consent
    expect(s003[12]).toBe("присутствовал");
  });

  it("a second import of the same files changes nothing", () => {
    const wb = presenceWorkbook();
    importPresence(wb, weekFiles(), opts(false));
    const before = snapshot(wb);
    const again = importPresence(wb, weekFiles(), opts(false));
    expect(snapshot(wb)).toBe(before);
    expect(again.rows).toHaveLength(26);
    // A later import of another file keeps the guest listed, without this run's file and line.
    const later = importPresence(wb, [], opts(false));
    expect(later.unknown).toEqual([{ login: "guest123@gmail.com", name: "", file: "", line: 0 }]);
    const msg = wb.sheets.get("Проблемы")!.find((r) => r[2] === "presence-unknown-login")![3];
    expect(msg).toBe(
      "Логин «guest123@gmail.com» не найден в столбце «Логин СДО» листов «Учащиеся» / «Сотрудники»",
    );
  });

  it("files imported one by one give the same sheet as all at once", () => {
    const all = presenceWorkbook();
    importPresence(all, weekFiles(), opts(false));
    const one = presenceWorkbook();
    for (const f of weekFiles().reverse()) importPresence(one, [f], opts(false));
    expect(one.sheets.get("Присутствие в СДО")).toEqual(all.sheets.get("Присутствие в СДО"));
  });

  it("apply writes «н» into the blank cells only, audits each write, and a rerun writes nothing more", () => {
    const wb = presenceWorkbook();
    const res = importPresence(wb, weekFiles(), opts(true));
    expect(res.applied).toBe(true);
    expect(wb.sheets.get("Журнал G01")!.map((r) => r[2])).toEqual(["30.11.2026", null, "н", 4, 5]);
    expect(wb.sheets.get("Журнал G02")!.map((r) => r[2])).toEqual(["01.12.2026", null, null, "н", "оп"]);
    expect(wb.sheets.get("Журнал G03")!.map((r) => r[2])).toEqual(["04.12.2026", null, "н"]);
    const audit = wb.sheets.get("Аудит")!;
    expect(audit.slice(1)).toEqual([
      [
        "2026-12-05 12:00:00",
        "coordinator@school.ru",
        "присутствие из СДО: отсутствие",
        "Журнал G01",
        "C3",
        "",
        "н",
      ],
      [
        "2026-12-05 12:00:00",
        "coordinator@school.ru",
        "присутствие из СДО: отсутствие",
        "Журнал G02",
        "C4",
        "",
        "н",
      ],
      [
        "2026-12-05 12:00:00",
        "coordinator@school.ru",
        "присутствие из СДО: отсутствие",
        "Журнал G03",
        "C3",
        "",
        "н",
      ],
    ]);
    // The filled cells are no longer differences; the «5» of S004 is kept and still listed.
    expect(res.differences.map((i) => i.code)).toEqual(["presence-marked-no-log", "presence-no-column"]);
    const before = snapshot(wb);
    const again = importPresence(wb, weekFiles(), opts(true));
    expect(again.fills).toEqual([]);
    expect(again.applied).toBe(false);
    expect(snapshot(wb)).toBe(before);
  });
});

describe("check", () => {
  it("keeps listing the journal differences after an import", () => {
    const wb = presenceWorkbook();
    importPresence(wb, weekFiles(), opts(false));
    const codes = checkWorkbook(wb)
      .issues.map((i) => i.code)
      .filter((c) => c.startsWith("presence-"));
    expect(codes).toEqual([
      "presence-blank-absent",
      "presence-marked-no-log",
      "presence-blank-absent",
      "presence-no-column",
      "presence-blank-absent",
    ]);
  });

  it("reports a «Логин СДО» that matches two people", () => {
    const wb = presenceWorkbook();
    wb.sheets.get("Сотрудники")![3][4] = "ivanov@school.ru";
    const dup = checkWorkbook(wb).issues.filter((i) => i.code === "lms-login-duplicate");
    expect(dup.map((i) => `${i.sheet}!${i.cell}`)).toEqual(["Сотрудники!E4"]);
    expect(dup[0].message.en).toBe(
      'Login "ivanov@school.ru" already belongs to S001 (Учащиеся!F2); presence under it is not counted',
    );
  });
});

describe("«Часовой пояс СДО» and the tolerance", () => {
  const plain = (start: string, end: string) => ({
    name: "plain.csv",
    rows: [
      ["Логин", "Начало", "Окончание"],
      ["ivanov@school.ru", start, end],
      ["smirnova@school.ru", "2026-11-30 12:00", "2026-11-30 12:45"],
    ],
  });

  it("reads zone-less export times in «Часовой пояс СДО»", () => {
    const wb = presenceWorkbook();
    wb.sheets.get("Настройки")!.push(["Часовой пояс СДО", "Asia/Yekaterinburg"]);
    // 12:10 in Yekaterinburg (UTC+5) is 10:10 in Moscow: ten minutes into the 10:00 lesson.
    const res = importPresence(wb, [plain("2026-11-30 12:10", "2026-11-30 12:45")], opts(false));
    expect(find(res.rows, "2026-11-30", "S001")).toMatchObject({
      verdict: "late",
      lateBy: 10,
      firstJoin: "10:10",
    });
    expect(find(res.rows, "2026-11-30", "T01")).toMatchObject({ verdict: "present", firstJoin: "10:00" });
  });

  it("a session beyond the tolerance belongs to no lesson and is counted apart; a bad setting is reported", () => {
    const wb = presenceWorkbook();
    wb.sheets.get("Настройки")!.push(["Допуск СДО, мин", "много"], ["Опоздание СДО, мин", "15"]);
    const res = importPresence(wb, [plain("2026-11-30 11:20", "2026-11-30 11:40")], opts(false));
    // Ivanov's 11:20 is past 10:45 + 15 min; Smirnova's 12:00 Moscow too.
    expect(res.rows).toEqual([]);
    expect(res.outside).toBe(2);
    const problems = wb.sheets.get("Проблемы")!;
    expect(
      problems.some((r) => r[2] === "bad-setting" && String(r[3]).startsWith("«Допуск СДО, мин»: «много»")),
    ).toBe(true);
  });
});
