import { describe, expect, it } from "vitest";
import { checkFormUrl, parentLinks, parseEntryId, prefilledLink } from "../../../src/core/forms/links.js";
import { emptyModel } from "../../../src/core/model.js";
import { DEFAULT_SETTINGS, type Student } from "../../../src/core/records.js";

const FORM = "https://docs.google.com/forms/d/e/1FAIpQLSdExample/viewform";

function student(id: string, row: number, extra: Partial<Student> = {}): Student {
  return {
    row,
    id,
    name: `Учащийся ${id}`,
    className: "9А",
    status: "active",
    parent: `Родитель ${id}`,
    parentEmail: `${id.toLowerCase()}@example.ru`,
    parentPhone: "",
    channel: "",
    consent: true,
    needs: "",
    note: "",
    ...extra,
  };
}

describe("prefilledLink", () => {
  it("has the shape Google's prefilled link has", () => {
    expect(prefilledLink(FORM, "1234567890", "0123456789abcdef01234567")).toBe(
      `${FORM}?usp=pp_url&entry.1234567890=0123456789abcdef01234567`,
    );
  });
  it("drops the form URL's own query and fragment, turns an editor link into the respondent's", () => {
    expect(prefilledLink(`${FORM}?usp=sharing#x`, "entry.42", "ab")).toBe(`${FORM}?usp=pp_url&entry.42=ab`);
    expect(prefilledLink("https://docs.google.com/forms/d/ABC/edit", "42", "ab")).toBe(
      "https://docs.google.com/forms/d/ABC/viewform?usp=pp_url&entry.42=ab",
    );
  });
  it("encodes the token", () => {
    expect(prefilledLink(FORM, "7", "a b&c=д")).toBe(`${FORM}?usp=pp_url&entry.7=a%20b%26c%3D%D0%B4`);
  });
});

describe("checkFormUrl / parseEntryId", () => {
  it("accepts http(s) addresses and explains anything else", () => {
    expect(checkFormUrl(FORM)).toBeNull();
    expect(checkFormUrl("https://forms.gle/abc")).toBeNull();
    expect(checkFormUrl("docs.google.com/forms")?.ru).toMatch(/не адрес формы/);
    expect(checkFormUrl("javascript:alert(1)")?.en).toMatch(/not a form address/);
    expect(checkFormUrl("https://exa mple.com/x")).not.toBeNull();
  });
  it("takes the digits of entry.NNN", () => {
    expect(parseEntryId("123")).toBe("123");
    expect(parseEntryId(" entry.456 ")).toBe("456");
    expect(parseEntryId("12a")).toBeNull();
    expect(parseEntryId("")).toBeNull();
  });
});

describe("parentLinks", () => {
  const model = emptyModel(DEFAULT_SETTINGS);
  model.students = [
    student("S001", 2),
    student("S002", 3, { consent: false }),
    student("S003", 4, { status: "left" }),
    student("S004", 5, { consent: null }),
    student("S005", 6, { parentEmail: "", parentPhone: "" }),
    student("S006", 7, { parentPhone: "+7 900 000-00-06", channel: "Telegram" }),
    student("S007", 8, { parentEmail: "", parentPhone: "+7 900 000-00-07" }),
    student("S008", 9),
  ];
  const tokens = new Map([
    ["S001", "t1"],
    ["S005", "t5"],
    ["S006", "t6"],
    ["S007", "t7"],
  ]);
  const { links, skipped } = parentLinks(model, tokens, FORM, "99");

  it("gives a link only to families with consent whose child has not left", () => {
    expect(links.map((l) => l.studentId)).toEqual(["S001", "S006", "S007"]);
    expect(links[0]).toEqual({
      studentId: "S001",
      className: "9А",
      parent: "Родитель S001",
      contact: "s001@example.ru",
      channel: "",
      link: `${FORM}?usp=pp_url&entry.99=t1`,
    });
  });

  it("reaches phone-channel families by phone, others by email, phone when there is no email", () => {
    expect(links.map((l) => l.contact)).toEqual(["s001@example.ru", "+7 900 000-00-06", "+7 900 000-00-07"]);
  });

  it("lists everyone else with the reason", () => {
    expect(skipped.map((s) => [s.studentId, s.row, s.reason])).toEqual([
      ["S002", 3, "no-consent"],
      ["S003", 4, "left"],
      ["S004", 5, "no-consent"],
      ["S005", 6, "no-contact"],
      ["S008", 9, "no-token"],
    ]);
    expect(links.length + skipped.length).toBe(model.students.length);
  });
});
