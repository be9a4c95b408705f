/**
 * A small school for the presence import: one week (30.11–04.12.2026, Europe/Moscow) of three
 * groups — G01 in Google Meet (Mon, Wed 10:00), G02 in Zoom (Tue, Thu 12:00), G03 in Moodle
 * (Fri 14:00) — with the exports of test/fixtures/presence/. Journals: G02 has no column for
 * Thursday; S004 has a «5» on Monday's G01 lesson he never joined.
 */
import { readdirSync, readFileSync } from "node:fs";
import type { PresenceFile } from "../../src/app/presence.js";
import type { CellValue } from "../../src/core/cells.js";
import { csvRows } from "../../src/node/presence-files.js";
import { MemoryWorkbook } from "./memory-workbook.js";

export const FIXTURES = new URL("../fixtures/presence/", import.meta.url).pathname;

export function fixture(name: string): PresenceFile {
  return { name, rows: csvRows(readFileSync(FIXTURES + name, "utf8")) };
}

/** The five exports of the week (not the format samples moodle-en.csv and plain.csv). */
export function weekFiles(): PresenceFile[] {
  return readdirSync(FIXTURES)
    .filter((f) => /\d{4}-\d{2}-\d{2}/.test(f))
    .sort()
    .map(fixture);
}

export function presenceTables(): Record<string, CellValue[][]> {
  return {
    Настройки: [
      ["Параметр", "Значение"],
      ["Язык", "ru"],
      ["Часовой пояс", "Europe/Moscow"],
    ],
    Учащиеся: [
      ["ID", "ФИО", "Класс", "Статус", "Согласие на обработку ПДн", "Логин СДО"],
      ["S001", "Иванов Иван", "9А", "обучается", "да", "ivanov@school.ru"],
      ["S002", "Петрова Анна", "9А", "обучается", "да", "petrova@school.ru, anna.p@gmail.com"],
      ["S003", "Сидоров Пётр", "9А", "обучается", "нет", "sidorov@school.ru"],
      ["S004", "Кузнецова Мария", "9А", "обучается", "да", "kuz@school.ru"],
    ],
    Сотрудники: [
      ["ID", "ФИО", "Роль", "Email", "Логин СДО"],
      ["T01", "Смирнова Ольга", "преподаватель", "smirnova@school.ru", ""],
      ["T02", "Орлов Илья", "тьютор", "orlov@school.ru", "orlov.tutor@school.ru"],
      ["T03", "Волков Андрей", "преподаватель", "volkov@school.ru", ""],
    ],
    Группы: [
      ["ID", "Название", "Предмет", "Преподаватель", "Тьютор", "Ссылка"],
      ["G01", "Алгебра 9", "Алгебра", "T01", "T02", "https://meet.google.com/abc-defg-hij"],
      ["G02", "Физика 9", "Физика", "T03", "", "https://us02web.zoom.us/j/85012345678?pwd=x"],
      ["G03", "Информатика 9", "Информатика", "T01", "", "https://moodle.school.ru/course/view.php?id=12"],
    ],
    Зачисления: [
      ["Учащийся", "Группа", "С", "По"],
      ...["S001", "S002", "S003", "S004"].flatMap((s) => [
        [s, "G01", "01.09.2026", null],
        [s, "G02", "01.09.2026", null],
      ]),
      ["S001", "G03", "01.09.2026", null],
      ["S002", "G03", "01.09.2026", null],
    ],
    Расписание: [
      ["Группа", "День недели", "Начало", "Окончание", "Формат"],
      ["G01", "Пн", "10:00", "10:45", "онлайн"],
      ["G01", "Ср", "10:00", "10:45", "онлайн"],
      ["G02", "Вт", "12:00", "12:45", "онлайн"],
      ["G02", "Чт", "12:00", "12:45", "онлайн"],
      ["G03", "Пт", "14:00", "14:45", "онлайн"],
    ],
    "Журнал G01": [
      ["ID", "Учащийся", "30.11.2026", "02.12.2026"],
      ["S001", "Иванов Иван", null, 5],
      ["S002", "Петрова Анна", null, null],
      ["S003", "Сидоров Пётр", 4, null],
      ["S004", "Кузнецова Мария", 5, null],
    ],
    "Журнал G02": [
      ["ID", "Учащийся", "01.12.2026"],
      ["S001", "Иванов Иван", null],
      ["S002", "Петрова Анна", null],
      ["S003", "Сидоров Пётр", null],
      ["S004", "Кузнецова Мария", "оп"],
    ],
    "Журнал G03": [
      ["ID", "Учащийся", "04.12.2026"],
      ["S001", "Иванов Иван", null],
      ["S002", "Петрова Анна", null],
    ],
  };
}

export function presenceWorkbook(): MemoryWorkbook {
  return new MemoryWorkbook(presenceTables());
}
