export { isEmail, parseDateTime, parseNumber, readCell, splitEmails } from "./cells.js";
export { crossCheck, locateSheets, parseModel } from "./model.js";
export { parseSettings } from "./settings.js";
export { type ParsedRow, type ParsedTable, parseTable } from "./table.js";
