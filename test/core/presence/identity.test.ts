import { describe, expect, it } from "vitest";
import { parseModel } from "../../../src/core/parse/index.js";
import { loginIndex, personOf, splitLogins } from "../../../src/core/presence/identity.js";
import type { Session } from "../../../src/core/presence/types.js";
import type { Table } from "../../../src/ports.js";
import { presenceTables } from "../../support/presence-school.js";

function model(edit?: (t: ReturnType<typeof presenceTables>) => void) {
  const tables = presenceTables();
  edit?.(tables);
  const map = new Map<string, Table>(
    Object.entries(tables).map(([sheet, values]) => [sheet, { sheet, values }]),
  );
  return parseModel([...map.keys()], map);
}

const session = (login: string, name = "", kind: Session["kind"] = "zoom"): Session => ({
  login,
  name,
  start: 0,
  end: 0,
  room: "",
  kind,
  file: "f.csv",
  line: 2,
});

describe("«Логин СДО»", () => {
  it("splits several logins and normalises case", () => {
    expect(splitLogins(" Petrova@School.ru, anna.p@gmail.com;x ")).toEqual([
      "petrova@school.ru",
      "anna.p@gmail.com",
      "x",
    ]);
  });

  it("finds students by any of their logins and staff by login or email", () => {
    const idx = loginIndex(model());
    expect(idx.issues).toEqual([]);
    expect(personOf(idx, session("anna.p@gmail.com"))?.id).toBe("S002");
    expect(personOf(idx, session("smirnova@school.ru"))).toMatchObject({ id: "T01", kind: "staff" });
    expect(personOf(idx, session("orlov.tutor@school.ru"))?.id).toBe("T02");
    expect(personOf(idx, session("orlov@school.ru"))?.id).toBe("T02");
  });

  it("matches Moodle's full name, but an unknown email stays unknown even with a known name", () => {
    const idx = loginIndex(model());
    expect(personOf(idx, session("иванов иван", "Иванов Иван", "moodle"))?.id).toBe("S001");
    expect(personOf(idx, session("other@mail.ru", "Иванов Иван"))).toBeUndefined();
  });

  it("reports a login of two people at the second cell and counts it for neither", () => {
    const idx = loginIndex(
      model((t) => {
        t.Учащиеся[4][5] = "kuz@school.ru, ivanov@school.ru";
      }),
    );
    expect(idx.issues).toHaveLength(1);
    expect(idx.issues[0]).toMatchObject({
      sheet: "Учащиеся",
      cell: "F5",
      code: "lms-login-duplicate",
      severity: "error",
    });
    expect(idx.issues[0].message.ru).toContain("уже принадлежит S001 (Учащиеся!F2)");
    expect(personOf(idx, session("ivanov@school.ru"))).toBeUndefined();
    expect(personOf(idx, session("kuz@school.ru"))?.id).toBe("S004");
  });

  it("reports a login written twice for the same person as a warning", () => {
    const idx = loginIndex(
      model((t) => {
        t.Учащиеся[1][5] = "ivanov@school.ru, IVANOV@school.ru";
      }),
    );
    expect(idx.issues.map((i) => [i.cell, i.severity])).toEqual([["F2", "warning"]]);
    expect(personOf(idx, session("ivanov@school.ru"))?.id).toBe("S001");
  });
});
