/** Moved to src/google/sheets-requests.ts (shared by Node and Apps Script); kept so imports still compile. */
export * from "../../google/sheets-requests.js";
