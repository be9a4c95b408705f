/** Arguments for each entry point of the bundle, made at call time from the fakes' state. */
import { formItem } from "../../src/core/forms/spec.js";
import { type Fakes, formSubmitEvents } from "../fakes/index.js";
import { meetSheet } from "../support/meet-sheet.js";

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
    presencePicked: () => [
      [
        meetSheet(fakes, "23.11.2026", [["Гость", "Гостев", "guest@example.com", "30 мин", "14:00", "14:30"]])
          .id,
      ],
      false,
    ],
  };
}

function ScriptAppAuth(fakes: Fakes): unknown {
  return fakes.scriptApp.AuthMode.FULL;
}
