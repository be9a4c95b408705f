/** A Meet attendance report as the Google Sheet Meet leaves in the organiser's Drive, beside the workbook. */
import type { Fakes } from "../fakes/index.js";
import { FakeSpreadsheet } from "../fakes/spreadsheet.js";

const HEADER = [
  "Имя",
  "Фамилия",
  "Адрес электронной почты",
  "Продолжительность",
  "Время подключения",
  "Время отключения",
];

/** `people`: first name, last name, email, duration, joined, left (as Meet writes them). */
export function meetSheet(fakes: Fakes, date: string, people: readonly string[][]): FakeSpreadsheet {
  const ss = new FakeSpreadsheet(fakes.env, {
    name: "abc-defg-hij – посещаемость",
    sheets: {
      Посещаемость: [["Код встречи", "abc-defg-hij"], ["Дата", date], HEADER, ...people.map((p) => [...p])],
      Другое: [["не это"]],
    },
  });
  fakes.spreadsheetApp.files.set(ss.id, ss);
  return ss;
}
