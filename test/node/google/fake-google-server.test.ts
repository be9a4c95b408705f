/** The local fake answers the URL shapes googleapis really requests (Sheets, Docs, Drive). */
import { docs } from "googleapis/build/src/apis/docs/index.js";
import { drive } from "googleapis/build/src/apis/drive/index.js";
import { sheets } from "googleapis/build/src/apis/sheets/index.js";
import { afterAll, describe, expect, it } from "vitest";
import { parseMask, startFakeGoogle } from "../../support/fake-google-server.js";
import { rejection, testAuth } from "./helpers.js";

const fake = await startFakeGoogle();
afterAll(() => fake.close());
const auth = testAuth();
const opts = { auth, rootUrl: fake.url, retry: false };

describe("fake Google: Sheets", () => {
  it("values.batchGet answers quoted titles and A1 ranges", async () => {
    fake.seedSpreadsheet("vb", {
      "Лист 1": [
        ["a", 1, true],
        [null, "b"],
      ],
      B: [["x", "y"]],
    });
    const res = await sheets({ version: "v4", ...opts }).spreadsheets.values.batchGet({
      spreadsheetId: "vb",
      ranges: ["'Лист 1'", "B!B1:C2"],
      valueRenderOption: "UNFORMATTED_VALUE",
    });
    expect(res.data.valueRanges?.map((r) => r.values)).toEqual([
      [
        ["a", 1, true],
        ["", "b"],
      ],
      [["y"]],
    ]);
    expect(fake.calls.at(-1)?.path).toBe("/v4/spreadsheets/vb/values:batchGet");
  });

  it("honours field masks like Google's partial responses", async () => {
    fake.seedSpreadsheet("fm", { S: [["x"]] });
    const res = await sheets({ version: "v4", ...opts }).spreadsheets.get({
      spreadsheetId: "fm",
      fields: "sheets.properties(title,gridProperties.rowCount)",
    });
    expect(res.data).toEqual({
      sheets: [{ properties: { title: "S", gridProperties: { rowCount: 1000 } } }],
    });
    expect(() => parseMask("a(b")).toThrow();
  });

  it("rejects a request without a bearer token, and an unknown request kind without applying the batch", async () => {
    fake.seedSpreadsheet("rk", { S: [["x"]] });
    const noAuth = await fetch(`${fake.url}v4/spreadsheets/rk`);
    expect(noAuth.status).toBe(401);
    const before = structuredClone(fake.state.spreadsheets.get("rk"));
    const e = await rejection(
      sheets({ version: "v4", ...opts }).spreadsheets.batchUpdate({
        spreadsheetId: "rk",
        requestBody: {
          requests: [
            { appendCells: { sheetId: 0, rows: [{ values: [{}] }], fields: "userEnteredValue" } },
            { autoFill: {} },
          ],
        },
      }),
    );
    expect((e as unknown as { status: number }).status).toBe(400);
    expect(fake.state.spreadsheets.get("rk")).toEqual(before);
  });
});

describe("fake Google: Docs", () => {
  it("creates a document, applies text edits in order and returns the body", async () => {
    const d = docs({ version: "v1", ...opts });
    const created = await d.documents.create({ requestBody: { title: "Отчёт за октябрь" } });
    const documentId = created.data.documentId!;
    const up = await d.documents.batchUpdate({
      documentId,
      requestBody: {
        requests: [
          { insertText: { location: { index: 1 }, text: "Сводка\nУспеваемость {p}%\n" } },
          {
            updateParagraphStyle: {
              range: { startIndex: 1, endIndex: 8 },
              paragraphStyle: { namedStyleType: "HEADING_1" },
              fields: "namedStyleType",
            },
          },
          { replaceAllText: { containsText: { text: "{p}", matchCase: true }, replaceText: "93,5" } },
          { insertText: { endOfSegmentLocation: {}, text: "Конец" } },
        ],
      },
    });
    expect(up.data.replies?.[2]).toEqual({ replaceAllText: { occurrencesChanged: 1 } });
    const got = await d.documents.get({ documentId });
    const text = got.data.body?.content?.flatMap(
      (c) => c.paragraph?.elements?.map((e) => e.textRun?.content) ?? [],
    );
    expect(text?.join("")).toBe("Сводка\nУспеваемость 93,5%\nКонец\n");
    expect(got.data.title).toBe("Отчёт за октябрь");
    expect(fake.calls.slice(-3).map((c) => `${c.method} ${c.path}`)).toEqual([
      "POST /v1/documents",
      `POST /v1/documents/${documentId}:batchUpdate`,
      `GET /v1/documents/${documentId}`,
    ]);
    const bad = await rejection(
      d.documents.batchUpdate({
        documentId,
        requestBody: { requests: [{ deleteContentRange: { range: { startIndex: 1, endIndex: 999 } } }] },
      }),
    );
    expect((bad as unknown as { status: number }).status).toBe(400);
    expect(fake.state.documents.get(documentId)?.text).toBe("Сводка\nУспеваемость 93,5%\nКонец\n");
  });
});

describe("fake Google: Drive", () => {
  it("creates, finds, moves and shares files", async () => {
    const dr = drive({ version: "v3", ...opts });
    const folder = await dr.files.create({
      requestBody: { name: "Журналы", mimeType: "application/vnd.google-apps.folder" },
      fields: "id",
    });
    const doc = await dr.files.create({
      requestBody: {
        name: "Отчёт 2026-10",
        mimeType: "application/vnd.google-apps.document",
        appProperties: { coordinatorReport: "2026-10" },
      },
      fields: "id,name",
    });
    // A Doc created through Drive is there for the Docs API too.
    expect(fake.state.documents.has(doc.data.id!)).toBe(true);
    await dr.files.update({
      fileId: doc.data.id!,
      addParents: folder.data.id!,
      removeParents: "root",
      requestBody: {},
    });
    const found = await dr.files.list({
      q: `appProperties has { key='coordinatorReport' and value='2026-10' } and '${folder.data.id}' in parents and trashed = false`,
      fields: "files(id,name)",
    });
    expect(found.data.files).toEqual([{ id: doc.data.id, name: "Отчёт 2026-10" }]);
    const none = await dr.files.list({ q: "name = 'Отчёт 2026-11' and trashed = false" });
    expect(none.data.files).toEqual([]);
    const perm = await dr.permissions.create({
      fileId: doc.data.id!,
      sendNotificationEmail: false,
      requestBody: { role: "reader", type: "user", emailAddress: "director@school.example" },
    });
    expect(perm.data.role).toBe("reader");
    expect(fake.state.files.get(doc.data.id!)?.permissions).toMatchObject([
      { emailAddress: "director@school.example" },
    ]);
    expect(fake.calls.at(-1)?.path).toBe(`/drive/v3/files/${doc.data.id}/permissions`);
  });

  it("takes a media upload when the call itself carries rootUrl (googleapis builds upload URLs from it)", async () => {
    const dr = drive({ version: "v3", ...opts });
    const up = await dr.files.create(
      {
        requestBody: { name: "report.docx" },
        media: { mimeType: "text/plain", body: "hello" },
        fields: "id,size",
      },
      { rootUrl: fake.url },
    );
    expect(up.data.size).toBe("5");
    expect(fake.calls.at(-1)?.path).toBe("/upload/drive/v3/files");
    expect(fake.state.files.get(up.data.id!)?.content?.toString()).toBe("hello");
  });
});

describe("fake Google: limits, write marks, lost replies", () => {
  const api = () => sheets({ version: "v4", ...opts }).spreadsheets;

  it("refuses a request body over 2 MB and a spreadsheet over 10 M cells, applying nothing", async () => {
    fake.seedSpreadsheet("lim", { S: [["x"]] });
    const big = "я".repeat(1_100_000); // 2.2 MB of UTF-8
    const tooBig = await api()
      .batchUpdate({
        spreadsheetId: "lim",
        requestBody: {
          requests: [
            {
              updateCells: {
                start: { sheetId: 0, rowIndex: 0, columnIndex: 0 },
                rows: [{ values: [{ userEnteredValue: { stringValue: big } }] }],
                fields: "userEnteredValue",
              },
            },
          ],
        },
      })
      .catch((e: { status: number; message: string }) => e);
    expect(tooBig).toMatchObject({
      status: 400,
      message: "Request payload size exceeds the limit: 2097152 bytes.",
    });
    expect(fake.largestRequestBytes()).toBeGreaterThan(2 * 1024 * 1024);
    // 9 sheets of 1,000,000 cells + the seeded 1000 × 26: the 10th would pass 10 M.
    const add = (i: number) => ({
      addSheet: { properties: { title: `Big${i}`, gridProperties: { rowCount: 10_000, columnCount: 100 } } },
    });
    const over = await api()
      .batchUpdate({
        spreadsheetId: "lim",
        requestBody: { requests: Array.from({ length: 10 }, (_, i) => add(i)) },
      })
      .catch((e: { status: number; message: string }) => e);
    expect(over).toMatchObject({
      status: 400,
      message:
        "Invalid requests[9]: This action would increase the number of cells in the workbook above the limit of 10000000 cells.",
    });
    expect(fake.state.spreadsheets.get("lim")!.sheets).toHaveLength(1);
  });

  it("keeps spreadsheet-level developer metadata: create, delete by key, read back by field mask", async () => {
    fake.seedSpreadsheet("dm", { S: [["x"]] });
    const mark = (v: string) => [
      { deleteDeveloperMetadata: { dataFilter: { developerMetadataLookup: { metadataKey: "k" } } } },
      {
        createDeveloperMetadata: {
          developerMetadata: {
            metadataKey: "k",
            metadataValue: v,
            location: { spreadsheet: true },
            visibility: "DOCUMENT",
          },
        },
      },
    ];
    await api().batchUpdate({ spreadsheetId: "dm", requestBody: { requests: mark("one") } });
    await api().batchUpdate({ spreadsheetId: "dm", requestBody: { requests: mark("two") } });
    const res = await api().get({
      spreadsheetId: "dm",
      fields: "developerMetadata(metadataKey,metadataValue)",
    });
    expect(res.data).toEqual({ developerMetadata: [{ metadataKey: "k", metadataValue: "two" }] });
  });

  it("loseNextReply applies the write and answers 503", async () => {
    fake.seedSpreadsheet("lr", { S: [["x"]] });
    fake.loseNextReply("503");
    const lost = await api()
      .batchUpdate({
        spreadsheetId: "lr",
        requestBody: { requests: [{ addSheet: { properties: { title: "N" } } }] },
      })
      .catch((e: { status: number }) => e);
    expect(lost).toMatchObject({ status: 503 });
    expect(fake.state.spreadsheets.get("lr")!.sheets.map((s) => s.properties.title)).toEqual(["S", "N"]);
  });
});
