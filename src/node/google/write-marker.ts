/**
 * Knowing whether a batchUpdate applied when its reply was lost.
 *
 * A batchUpdate is atomic ("if any request is not valid, the entire request will fail and
 * nothing will be applied", Sheets API spreadsheets.batchUpdate), but a 5xx or a timeout
 * after Google applied it looks like a failure, and sending it again adds the same sheets
 * twice ("A sheet with the name … already exists") or appends rows twice. So every batch
 * ends by replacing one spreadsheet-level developer metadata entry with a value unique to
 * this batch; before sending again, the client reads that entry back: the value present means
 * the batch applied, so it is not sent again. The previous mark is deleted by its metadataId,
 * known from the snapshot or the last reply: never a delete that might match nothing.
 */
import type { sheets_v4 } from "googleapis/build/src/apis/sheets/index.js";

export const WRITE_MARK_KEY = "coordinator.lastWrite";

/** Appended to a batch: drop the previous marks (by ID), set this one. */
export function markRequests(mark: string, previous: readonly number[]): sheets_v4.Schema$Request[] {
  return [
    ...previous.map((metadataId) => ({
      deleteDeveloperMetadata: { dataFilter: { developerMetadataLookup: { metadataId } } },
    })),
    {
      createDeveloperMetadata: {
        developerMetadata: {
          metadataKey: WRITE_MARK_KEY,
          metadataValue: mark,
          location: { spreadsheet: true },
          visibility: "DOCUMENT",
        },
      },
    },
  ];
}

/** What the read-back asks for: the marks, and the protections (their IDs were in the lost reply). */
export const MARK_FIELDS =
  "developerMetadata(metadataId,metadataKey,metadataValue)," +
  "sheets(properties(sheetId),protectedRanges(protectedRangeId,range))";

export function markApplied(data: sheets_v4.Schema$Spreadsheet, mark: string): boolean {
  return (data.developerMetadata ?? []).some(
    (m) => m.metadataKey === WRITE_MARK_KEY && m.metadataValue === mark,
  );
}

/** The read-back's protections in the shape of batchUpdate replies (to adopt their IDs). */
export function protectionReplies(data: sheets_v4.Schema$Spreadsheet): sheets_v4.Schema$Response[] {
  return (data.sheets ?? []).flatMap((s) =>
    (s.protectedRanges ?? []).map((p) => ({ addProtectedRange: { protectedRange: p } })),
  );
}

/** The IDs of the write marks in a spreadsheet's developer metadata. */
export function markIds(list: readonly sheets_v4.Schema$DeveloperMetadata[] | undefined): number[] {
  return (list ?? [])
    .filter((m) => m.metadataKey === WRITE_MARK_KEY && typeof m.metadataId === "number")
    .map((m) => m.metadataId as number);
}

/** The ID Google gave the mark this batch created, from its replies. */
export function createdMarkIds(replies: readonly sheets_v4.Schema$Response[]): number[] {
  return markIds(replies.flatMap((r) => r.createDeveloperMetadata?.developerMetadata ?? []));
}
