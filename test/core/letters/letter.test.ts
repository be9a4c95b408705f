import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { writeDemoSchool } from "../../../src/app/demo.js";
import { loadModel } from "../../../src/app/load.js";
import { monthRange } from "../../../src/core/dates.js";
import type { Lang } from "../../../src/core/i18n.js";
import { buildLetter, letterText, letterTitle } from "../../../src/core/letters/letter.js";
import { computeMonth, type MonthFigures } from "../../../src/core/metrics/index.js";
import type { Model } from "../../../src/core/model.js";
import { plainText, type TableBlock } from "../../../src/core/report/model.js";
import { expandLessons } from "../../../src/core/schedule/expand.js";
import { MemoryWorkbook } from "../../support/memory-workbook.js";
import { enrol, group, journal, school, staffMember, student } from "../../support/synthetic-school.js";

// October 2026: G1 (maths) has four lessons, G2 (physics) three, G3 none in October.
const G1_HEAD = ["2026-09-24", "2026-10-01", "2026-10-08", "2026-10-15", "2026-10-22"];
const G1_ROWS = [
  ["S101", "", "2", "5", "4", "5", "5"], // 5,4,5,5 -> 5; no absence
  ["S102", "", null, "н", "4", "н", "3"], // 2 of 4 missed (50 %), 2 marks -> н/а
  ["S103", "", null, "2", "2", "3", "у"], // 2,2,3 -> 2; 1 of 4 missed (25 %)
];
const G2_HEAD = ["2026-10-05", "2026-10-12", "2026-10-19"];
const G2_ROWS = [["S101", "", "4", "4", "5"]]; // 13/3 = 4.33 -> 4

function fixture(settings: Partial<Model["settings"]> = {}): { model: Model; figures: MonthFigures } {
  const named = (id: string, name: string, parent: string) => ({
    ...student(id, "9А", name),
    parent,
    parentEmail: `${id.toLowerCase()}@mail.example`,
  });
  const model = school({
    settings: {
      school: "МБОУ СОШ № 7",
      schoolContact: "Степанова М. В., +7 (8172) 00-00-07",
      ...settings,
    },
    students: [
      named("S101", "Белова Анна", "Белова Ирина Петровна"),
      named("S102", "Волков Борис", "Волков Пётр Ильич"),
      named("S103", "Гусева Вера", ""),
      named("S104", "Дёмин Глеб", "Дёмина Ольга"),
    ],
    staff: [
      staffMember("T1", "teacher", "Петрова Нина Ивановна"),
      staffMember("T2", "teacher", "Орлов Иван"),
    ],
    groups: [
      group("G1", "T1", "", "Математика"),
      group("G2", "T2", "", "Физика"),
      group("G3", "T2", "", "Химия"),
    ],
    enrollments: [
      enrol("S101", "G1"),
      enrol("S102", "G1"),
      enrol("S103", "G1"),
      enrol("S101", "G2"),
      enrol("S104", "G3"),
    ],
    journals: [
      journal("G1", G1_HEAD, G1_ROWS),
      journal("G2", G2_HEAD, G2_ROWS),
      journal("G3", ["2026-11-02"], [["S104", "", "5"]]),
    ],
  });
  return { model, figures: computeMonth(model, "2026-10", []) };
}

const table = (doc: ReturnType<typeof buildLetter>) =>
  doc.blocks.find((b): b is TableBlock => b.kind === "table");

describe("buildLetter", () => {
  it("shows the student's groups with month mark and attendance, greets the parent and signs with the school", () => {
    const { model, figures } = fixture();
    const doc = buildLetter(model, figures, "S101", "ru");
    expect(doc.title).toBe("Дистанционное обучение: итоги за октябрь 2026 — Белова Анна");
    expect(doc.lang).toBe("ru");
    expect(table(doc)).toMatchObject({
      header: ["Группа", "Учитель", "Отметка за месяц", "Уроков", "Пропущено", "Посещаемость, %"],
      rows: [
        ["Математика G1", "Петрова Нина Ивановна", "5", "4", "0", "100,0"],
        ["Физика G2", "Орлов Иван", "4", "3", "0", "100,0"],
      ],
    });
    const text = plainText(doc);
    expect(text).toContain(
      "МБОУ СОШ № 7\nИтоги за октябрь 2026: Белова Анна, 9А класс\nЗдравствуйте, Белова Ирина Петровна!",
    );
    expect(text).toContain("Что важно знать\nПоводов для беспокойства нет");
    expect(text).toContain(
      "Вопросы можно задать координатору дистанционного обучения: Степанова М. В., +7 (8172) 00-00-07.",
    );
    expect(text.endsWith("С уважением, МБОУ СОШ № 7")).toBe(true);
  });

  it("says kindly why a student is at risk: absences and too few marks, with the н/а note", () => {
    const { model, figures } = fixture();
    const doc = buildLetter(model, figures, "S102", "ru");
    expect(table(doc)!.rows).toEqual([["Математика G1", "Петрова Нина Ивановна", "н/а", "4", "2", "50,0"]]);
    const bullets = doc.blocks.find((b) => b.kind === "bullets");
    expect(bullets).toEqual({
      kind: "bullets",
      items: [
        "Математика G1: пропущено 2 урока из 4. Каждое занятие помогает не отставать — попробуйте вместе найти, что мешает приходить.",
        "Математика G1: за месяц меньше 3 отметок, поэтому итог пока не выставлен. Помогает одно: сдавать задания вовремя.",
      ],
    });
    const text = plainText(doc);
    expect(text).toContain("«н/а» — за месяц меньше 3 отметок, итог не выводится.");
    expect(text).toContain("Это не повод для тревоги, а повод поговорить.");
    expect(text).not.toContain("Поводов для беспокойства нет");
  });

  it("names a low month mark, greets without a name when the parent is unknown", () => {
    const { model, figures } = fixture();
    const text = plainText(buildLetter(model, figures, "S103", "ru"));
    expect(text).toContain("Здравствуйте!");
    expect(text).toContain("Математика G1: отметка за месяц пока 2. Тему стоит подтянуть");
    expect(text).not.toContain("пропущено"); // 25 % is under the 30 % threshold
  });

  it("writes English when asked", () => {
    const { model, figures } = fixture();
    const doc = buildLetter(model, figures, "S102", "en");
    expect(doc.title).toBe("Distance learning: October 2026 — Волков Борис");
    expect(table(doc)!.header).toEqual([
      "Group",
      "Teacher",
      "Month mark",
      "Lessons",
      "Missed",
      "Attendance, %",
    ]);
    expect(table(doc)!.rows[0]).toEqual(["Математика G1", "Петрова Нина Ивановна", "n/a", "4", "2", "50.0"]);
    const text = plainText(doc);
    expect(text).toContain("Dear Волков Пётр Ильич,");
    expect(text).toContain("Математика G1: 2 lessons missed out of 4.");
    expect(text).toContain("What you should know");
    expect(text.endsWith("Kind regards, МБОУ СОШ № 7")).toBe(true);
  });

  it("says there were no lessons for a student whose groups had none, with no empty sections", () => {
    const { model, figures } = fixture({ schoolContact: "", school: "" });
    const doc = buildLetter(model, figures, "S104", "ru");
    expect(table(doc)).toBeUndefined();
    expect(plainText(doc)).toBe(
      [
        "Дистанционное обучение",
        "Итоги за октябрь 2026: Дёмин Глеб, 9А класс",
        "Здравствуйте, Дёмина Ольга!",
        "За октябрь 2026 уроков в группах дистанционного обучения не было, поэтому отметок за месяц нет.",
        "Вопросы можно задать координатору дистанционного обучения в ответ на это письмо.",
        "С уважением, координатор дистанционного обучения",
      ].join("\n"),
    );
  });

  it("refuses a student who is not in the workbook", () => {
    const { model, figures } = fixture();
    expect(() => buildLetter(model, figures, "S999", "ru")).toThrow(RangeError);
    expect(letterTitle(model, "2026-10", "S999", "en")).toBe("Distance learning: October 2026 — S999");
  });
});

describe("letterText", () => {
  it("turns the table into one readable line per group for an email body", () => {
    const { model, figures } = fixture();
    const text = letterText(buildLetter(model, figures, "S101", "ru"));
    expect(text).toContain(
      "• Математика G1 — Учитель: Петрова Нина Ивановна; Отметка за месяц: 5; Уроков: 4; Пропущено: 0; Посещаемость, %: 100,0\n" +
        "• Физика G2 — Учитель: Орлов Иван; Отметка за месяц: 4; Уроков: 3; Пропущено: 0; Посещаемость, %: 100,0\n",
    );
    expect(text.startsWith("МБОУ СОШ № 7\n\nИтоги за октябрь 2026")).toBe(true);
    expect(text.endsWith("С уважением, МБОУ СОШ № 7\n")).toBe(true);
  });
});

describe("no other family's data in a letter (demo school)", () => {
  const cache = new Map<Lang, { model: Model; figures: Map<string, MonthFigures> }>();
  function demo(lang: Lang) {
    let d = cache.get(lang);
    if (!d) {
      const wb = new MemoryWorkbook();
      writeDemoSchool(wb, { year: 2026, lang, today: "2026-11-24" });
      const model = loadModel(wb);
      const figures = new Map(
        ["2026-09", "2026-10", "2026-11"].map((m) => {
          const { from, to } = monthRange(m);
          return [m, computeMonth(model, m, expandLessons(model, from, to))] as const;
        }),
      );
      d = { model, figures };
      cache.set(lang, d);
    }
    return d;
  }

  it("a letter names only its own student and parent: no other student's ID, name, parent or email", () => {
    const ids = demo("ru").model.students.map((s) => s.id);
    fc.assert(
      fc.property(
        fc.constantFrom(...ids),
        fc.constantFrom<Lang>("ru", "en"),
        fc.constantFrom("2026-09", "2026-10", "2026-11"),
        (id, lang, month) => {
          const { model, figures } = demo(lang);
          const own = model.students.find((s) => s.id === id)!;
          let text = letterText(buildLetter(model, figures.get(month)!, id, lang));
          // What may legitimately appear: this family, the staff, the school.
          for (const legit of [
            own.name,
            own.parent,
            ...model.staff.map((s) => s.name),
            model.settings.school,
            model.settings.schoolContact,
          ])
            if (legit) text = text.split(legit).join(" ");
          for (const other of model.students) {
            if (other.id === id) continue;
            expect(text).not.toMatch(new RegExp(`\\b${other.id}\\b`));
            for (const field of [other.name, other.parent, other.parentEmail, other.parentPhone])
              if (field) expect(text, `${id}'s letter mentions ${other.id}`).not.toContain(field);
          }
        },
      ),
      { numRuns: 150, seed: 7 },
    );
  });
});
