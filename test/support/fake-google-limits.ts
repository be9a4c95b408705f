/**
 * The size limits the fake Google servers hold a client to.
 *
 * Request size: Google's Sheets API "Usage limits" page says the API "has no hard size limits
 * for an API request" but "we recommend a 2 MB maximum payload", and requests past
 * 10,485,760 bytes answer 400 "Request payload size exceeds the limit". The fake is stricter
 * than Google on purpose: it refuses past the recommended 2 MB, so a client that does not
 * split its writes fails here and not on a slow school connection.
 * Cells: "Files you can store in Google Drive": a spreadsheet holds "up to 10 million cells
 * or 18,278 columns"; rows × columns of every sheet count, empty or not.
 */
export interface FakeLimits {
  /** Bytes a request body may hold. */
  requestBytes: number;
  /** Cells a spreadsheet may hold (rows × columns summed over its sheets). */
  cells: number;
}

/** The refusal text for a body of `bytes`, or undefined when it is within the limit. */
export function checkRequestSize(bytes: number, limit: number): string | undefined {
  return bytes > limit ? `Request payload size exceeds the limit: ${limit} bytes.` : undefined;
}

interface Grid {
  properties: { gridProperties?: { rowCount?: number | null; columnCount?: number | null } };
}

export function cellCount(sheets: readonly Grid[]): number {
  return sheets.reduce(
    (n, s) =>
      n + (s.properties.gridProperties?.rowCount ?? 0) * (s.properties.gridProperties?.columnCount ?? 0),
    0,
  );
}

/** Google's 400 text when the sheets hold more cells than allowed, else undefined. */
export function checkCellLimit(sheets: readonly Grid[], limit: number): string | undefined {
  return cellCount(sheets) > limit
    ? `This action would increase the number of cells in the workbook above the limit of ${limit} cells.`
    : undefined;
}
