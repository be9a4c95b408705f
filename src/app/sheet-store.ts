/**
 * A Store kept in a hidden sheet of the workbook («_coordinator»: key, value): for runs outside
 * Apps Script (the CLI on a Google Sheet), where there are no script properties, so that the
 * report Doc's ID is remembered with the workbook itself. Writes go through the workbook's
 * batch like everything else.
 */
import { cellText } from "../core/cells.js";
import type { Store, Workbook } from "../ports.js";

export const STATE_SHEET = "_coordinator";

export class SheetStore implements Store {
  private readonly data = new Map<string, string>();
  private readonly exists: boolean;

  constructor(private readonly wb: Workbook) {
    this.exists = wb.sheetNames().includes(STATE_SHEET);
    const values = this.exists ? (wb.read([STATE_SHEET]).get(STATE_SHEET)?.values ?? []) : [];
    for (const row of values.slice(1))
      if (cellText(row[0])) this.data.set(cellText(row[0]), cellText(row[1]));
  }

  get(key: string): string | null {
    return this.data.get(key) ?? null;
  }

  set(key: string, value: string): void {
    this.data.set(key, value);
    this.save();
  }

  delete(key: string): void {
    if (this.data.delete(key)) this.save();
  }

  private save(): void {
    const rows = [["key", "value"], ...[...this.data].sort(([a], [b]) => a.localeCompare(b))];
    this.wb.write([
      {
        sheet: STATE_SHEET,
        create: !this.wb.sheetNames().includes(STATE_SHEET),
        clear: true,
        cells: [{ row: 1, col: 1, values: rows }],
        hidden: true,
      },
    ]);
  }
}
