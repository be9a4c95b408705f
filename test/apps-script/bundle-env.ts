/** Arguments for each entry point of the bundle, made at call time from the fakes' state. */
import { formItem } from "../../src/core/forms/spec.js";
import { type Fakes, formSubmitEvents } from "../fakes/index.js";
import { FakeSpreadsheet } from "../fakes/spreadsheet.js";

export function bundleEvents(fakes: Fakes): Record<string, () => unknown[]> {
  const open = () => [{ authMode: ScriptAppAuth(fakes), source: fakes.spreadsheet }];
  return {
    onOpen: open,
    onInstall: open,
    // A parent answers the form created by menuCreateForm (called before, alphabetically).
    onFeedbackSubmit: () => {
      const trigger = fakes.scriptApp.triggers.find((t) => t.eventType === "ON_FORM_SUBMIT");
      if (!trigger) throw new Error("menuCreateForm installed no submit trigger");
      const form = fakes.formApp.openById(String(trigger.sourceId));
      const response = fakes.formApp._respond(form, {
        [formItem("token").title.ru]: "0123456789abcdef01234567",
        [formItem("rating").title.ru]: 4,
        [formItem("problems").title.ru]: '=HYPERLINK("http://x","y")',
      });
      return [formSubmitEvents(fakes.scriptApp, response)[0].event];
    },
    sidebarRpc: () => ["context", {}],
    // The presence dialog's upload: one Meet report of an account the demo does not know.
    presenceUpload: () => [
      [
        {
          name: "meet.csv",
          text: "\uFEFFMeeting code,abc-defg-hij\r\nFirst name,Last name,Email,Duration,Time joined,Time exited\r\nA,B,a@b.ru,5 min,2026-11-23 10:00:00 GMT+3,2026-11-23 10:05:00 GMT+3\r\n",
        },
      ],
      true,
    ],
    // The Picker's pick: a Meet report Meet left as a Google Sheet in the organiser's Drive.
    presencePicked: () => [[meetSheet(fakes).id], false],
  };
}

/** A Meet attendance Google Sheet beside the workbook, as Meet writes it (one per meeting). */
export function meetSheet(fakes: Fakes): FakeSpreadsheet {
  const ss = new FakeSpreadsheet(fakes.env, {
    name: "abc-defg-hij – Посещаемость",
    sheets: {
      Посещаемость: [
        ["Код встречи", "abc-defg-hij"],
        ["Дата", "23.11.2026"],
        [
          "Имя",
          "Фамилия",
          "Адрес электронной почты",
          "Продолжительность",
          "Время подключения",
          "Время отключения",
        ],
        ["Гость", "Гостев", "guest@example.com", "30 мин", "14:00", "14:30"],
      ],
    },
  });
  fakes.spreadsheetApp.files.set(ss.id, ss);
  return ss;
}

function ScriptAppAuth(fakes: Fakes): unknown {
  return fakes.scriptApp.AuthMode.FULL;
}
