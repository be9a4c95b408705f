import { afterEach, describe, expect, it, vi } from "vitest";
import { openSidebar, SIDEBAR_TITLE, sidebarRpc } from "../../src/apps-script/actions/sidebar.js";
import { HANDLERS } from "../../src/apps-script/handlers.js";
import { MENU } from "../../src/apps-script/menu.js";
import type { RpcEnvelope, SidebarContext } from "../../src/rpc/contract.js";
import { demoSheets } from "../app/sidebar/school.js";
import { createFakes, type Fakes, type SeedValue } from "../fakes/index.js";

let restore: (() => void) | undefined;
afterEach(() => {
  restore?.();
  restore = undefined;
  vi.restoreAllMocks();
});

function install(opts: { html?: string } = {}): Fakes {
  const fakes = createFakes({
    spreadsheet: { sheets: demoSheets() as Record<string, SeedValue[][]> },
    now: () => new Date("2026-11-23T09:00:00Z"),
    activeUser: "r01@school7.example",
    htmlFiles: { Sidebar: opts.html ?? "<!DOCTYPE html><html><head></head><body>sidebar</body></html>" },
  });
  restore = fakes.install();
  return fakes;
}

describe("the sidebar in Google Sheets", () => {
  it("is the first menu item and opens dist/Sidebar.html with a title in the workbook's language", () => {
    const f = install();
    expect(MENU[0]).toEqual({ ru: "Открыть панель", en: "Open panel", handler: HANDLERS.sidebar });
    openSidebar();
    expect(f.ui.shown).toHaveLength(1);
    expect(f.ui.shown[0]).toMatchObject({ kind: "sidebar", title: SIDEBAR_TITLE.ru });
    expect(f.ui.shown[0].html).toContain("sidebar");
  });

  it("answers a call with {ok, value} as plain JSON, as the signed-in user", () => {
    install();
    const out = sidebarRpc("context", {}) as RpcEnvelope<SidebarContext>;
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.value.staffId).toBe("R01");
    expect(out.value.user).toBe("r01@school7.example");
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  });

  it("turns a UserError into {code, ru, en}", () => {
    install();
    expect(sidebarRpc("lessonLoad", { groupId: "G77" })).toEqual({
      ok: false,
      error: {
        code: "not-found",
        ru: "Группы «G77» нет на листе «Группы»",
        en: 'Group "G77" is not on the Groups sheet',
      },
    });
    expect(sidebarRpc("dropTables", {})).toMatchObject({ ok: false, error: { code: "bad-args" } });
    expect(sidebarRpc("lessonSave", "not an object")).toMatchObject({
      ok: false,
      error: { code: "bad-args" },
    });
  });

  it("turns an unexpected error into a generic message: logged, no stack to the page", () => {
    const f = install();
    const log = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const fail = () => {
      throw new Error("Service Spreadsheets failed while accessing document");
    };
    f.spreadsheet.getSheets = fail;
    (f.globals.Sheets as { Spreadsheets: { get: unknown } }).Spreadsheets.get = fail;
    const out = sidebarRpc("context", {});
    expect(out).toMatchObject({ ok: false, error: { code: "internal" } });
    const text = JSON.stringify(out);
    expect(text).not.toContain("Service Spreadsheets");
    expect(text).not.toMatch(/at \w+ \(/);
    expect(log).toHaveBeenCalledTimes(1);
    expect(String(log.mock.calls[0][1])).toContain("Service Spreadsheets failed");
  });

  it("takes the document lock for a save and reports «busy» when another execution holds it", () => {
    const f = install();
    f.lock._contend("document");
    const out = sidebarRpc("contactAdd", {
      date: "2026-11-23",
      staffId: "R01",
      groupId: "G01",
      studentId: "",
      channel: "",
      summary: "x",
    });
    expect(out).toMatchObject({ ok: false, error: { code: "busy" } });
  });
});
