import { describe, expect, it } from "vitest";
import { createFakes } from "./index.js";
import { manifestScopes, permissionMessage, requiredScopes } from "./scopes.js";

const G = "https://www.googleapis.com/auth/";

describe("OAuth scopes in the fakes", () => {
  it("reads the project's appsscript.json", () => {
    expect(manifestScopes()).toContain(`${G}userinfo.email`);
    expect(manifestScopes()).not.toContain(`${G}drive`);
  });

  it("throws Apps Script's message for a call the manifest does not cover", () => {
    const fakes = createFakes({ scopes: [`${G}spreadsheets.currentonly`] });
    const session = fakes.globals.Session as GoogleAppsScript.Base.Session;
    expect(() => session.getActiveUser()).toThrow(
      `Exception: You do not have permission to call Session.getActiveUser. Required permissions: ${G}userinfo.email`,
    );
    expect(session.getScriptTimeZone()).toBe("Europe/Moscow");
    expect(fakes.spreadsheet.getSheets().length).toBeGreaterThanOrEqual(0);
  });

  it("DriveApp needs drive (drive.readonly for getters), never drive.file; the Drive API takes drive.file", () => {
    expect(requiredScopes("DriveApp.getFileById")).toEqual([`${G}drive.readonly`, `${G}drive`]);
    expect(requiredScopes("File.addViewers")).toEqual([`${G}drive`]);
    expect(requiredScopes("Drive.Files.create")).toContain(`${G}drive.file`);
    const fakes = createFakes();
    const driveApp = fakes.globals.DriveApp as { createFolder(n: string): unknown };
    expect(() => driveApp.createFolder("x")).toThrow(
      permissionMessage("DriveApp.createFolder", [`${G}drive`]),
    );
  });

  it("the Sheets advanced service never accepts spreadsheets.currentonly", () => {
    expect(requiredScopes("Sheets.Spreadsheets.get")).not.toContain(`${G}spreadsheets.currentonly`);
    expect(requiredScopes("Range.getValues")).toContain(`${G}spreadsheets.currentonly`);
  });

  it("builders, locks, properties and utilities need no scope", () => {
    for (const m of [
      "DataValidationBuilder.build",
      "Lock.tryLock",
      "Properties.getProperty",
      "Utilities.sleep",
    ])
      expect(requiredScopes(m), m).toBeNull();
  });
});
