import { describe, expect, it } from "vitest";
import { detectExport } from "../../../src/core/presence/headers.js";
import { parseExport } from "../../../src/core/presence/parse.js";
import { fixture } from "../../support/presence-school.js";

const Z = "Europe/Moscow";

describe("export format from the header row, in either language", () => {
  it.each([
    ["meet-2026-11-30-ru.csv", "meet", 2],
    ["meet-2026-12-02-en.csv", "meet", 1],
    ["zoom-2026-12-01-en.csv", "zoom", 2],
    ["zoom-2026-12-03-ru.csv", "zoom", 2],
    ["moodle-2026-12-04-ru.csv", "moodle", 0],
    ["moodle-en.csv", "moodle", 0],
    ["plain.csv", "plain", 0],
  ])("%s is %s with the header on line %i (0-based, blank lines skipped)", (file, kind, headerRow) => {
    const d = detectExport(fixture(file).rows);
    expect(d?.kind).toBe(kind);
    expect(d?.headerRow).toBe(headerRow);
  });

  it("reports a file it does not know instead of guessing", () => {
    const p = parseExport(
      "x.csv",
      [
        ["Фамилия", "Оценка"],
        ["Иванов", "5"],
      ],
      Z,
    );
    expect(p.kind).toBeNull();
    expect(p.issues[0].message.ru).toContain("Не распознан формат");
  });
});

describe("sessions", () => {
  it("Meet (ru): clock times on the preamble's date, the meeting code as the room", () => {
    const p = parseExport("m.csv", fixture("meet-2026-11-30-ru.csv").rows, Z);
    expect(p.sessions).toHaveLength(5);
    const t = p.sessions[0];
    expect(t).toMatchObject({
      login: "smirnova@school.ru",
      name: "Ольга Смирнова",
      room: "abc-defg-hij",
      line: 4,
    });
    expect(t.start).toBe(Date.parse("2026-11-30T07:12:00Z"));
    expect(t.end).toBe(Date.parse("2026-11-30T07:45:00Z"));
  });

  it("Zoom (en): one row per join, the meeting ID from the preamble", () => {
    const p = parseExport("z.csv", fixture("zoom-2026-12-01-en.csv").rows, Z);
    const ivanov = p.sessions.filter((s) => s.login === "ivanov@school.ru");
    expect(ivanov.map((s) => [s.start, s.end])).toEqual([
      [Date.parse("2026-12-01T09:00:05Z"), Date.parse("2026-12-01T09:20:00Z")],
      [Date.parse("2026-12-01T09:22:30Z"), Date.parse("2026-12-01T09:45:00Z")],
    ]);
    expect(p.sessions[0].room).toBe("850 1234 5678");
  });

  it("Moodle: one instant per event, the course from the event context, the name as identity", () => {
    const p = parseExport("l.csv", fixture("moodle-2026-12-04-ru.csv").rows, Z);
    expect(p.sessions).toHaveLength(4);
    expect(p.sessions[0]).toMatchObject({ name: "Иванов Иван", room: "Информатика 9", kind: "moodle" });
    expect(p.sessions[0].start).toBe(p.sessions[0].end);
    const en = parseExport("l.csv", fixture("moodle-en.csv").rows, Z);
    expect(en.sessions[0]).toMatchObject({
      room: "Informatics 9",
      start: Date.parse("2026-12-04T11:05:00Z"),
    });
  });

  it("plain CSV: login, start, end with or without an offset", () => {
    const p = parseExport("p.csv", fixture("plain.csv").rows, Z);
    expect(p.sessions[0]).toMatchObject({
      login: "ivanov@school.ru",
      room: "Информатика 9",
      start: Date.parse("2026-12-04T11:00:00Z"),
      end: Date.parse("2026-12-04T11:40:00Z"),
    });
  });

  it("an unreadable time is a warning at its cell; the other lines still count", () => {
    const rows = [
      ["Login", "Start", "End"],
      ["a@x.ru", "soon", "2026-12-04 14:40"],
      ["b@x.ru", "2026-12-04 14:00", "2026-12-04 14:40"],
    ];
    const p = parseExport("p.csv", rows, Z);
    expect(p.sessions.map((s) => s.login)).toEqual(["b@x.ru"]);
    expect(p.issues).toHaveLength(1);
    expect(p.issues[0]).toMatchObject({ sheet: "p.csv", cell: "B2", severity: "warning" });
  });
});
