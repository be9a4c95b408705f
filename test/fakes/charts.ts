/**
 * Fake Charts service: data tables, bar and column chart builders, and the chart's image as a
 * fake Blob carrying the chart's spec (type, title, size, options, columns, rows), so a test
 * can see what would have been drawn. Checks what the real builders refuse: rows that do not
 * match the columns, a chart without data, an unknown image type.
 */
import { countCalls } from "./counter.js";
import type { FakeEnv } from "./env.js";

export const ColumnType = { STRING: "STRING", NUMBER: "NUMBER", DATE: "DATE" } as const;
export const ChartType = {
  AREA: "AREA",
  BAR: "BAR",
  COLUMN: "COLUMN",
  LINE: "LINE",
  PIE: "PIE",
  SCATTER: "SCATTER",
  TABLE: "TABLE",
} as const;
export const Position = { TOP: "TOP", RIGHT: "RIGHT", BOTTOM: "BOTTOM", NONE: "NONE" } as const;

export interface ChartSpec {
  type: string;
  title: string;
  width: number;
  height: number;
  options: Record<string, unknown>;
  columns: { type: string; label: string }[];
  rows: unknown[][];
}

export class FakeBlob {
  private name: string | null = null;
  constructor(
    readonly env: FakeEnv,
    private readonly contentType: string,
    private readonly bytes: number[],
    /** What the image shows (test helper data). */
    readonly _spec: ChartSpec | null = null,
  ) {}
  /** Test helper / fake internals: the type without counting a call. */
  get _contentType(): string {
    return this.contentType;
  }
  getContentType(): string {
    return this.contentType;
  }
  getBytes(): number[] {
    return [...this.bytes];
  }
  getName(): string | null {
    return this.name;
  }
  setName(name: string): this {
    this.name = name;
    return this;
  }
  getDataAsString(): string {
    return Buffer.from(this.bytes).toString("latin1");
  }
}
countCalls(FakeBlob, "Blob");

export class FakeDataTable {
  constructor(
    readonly env: FakeEnv,
    readonly _columns: { type: string; label: string }[],
    readonly _rows: unknown[][],
  ) {}
  toJSON(): string {
    return JSON.stringify({ cols: this._columns, rows: this._rows });
  }
}
countCalls(FakeDataTable, "DataTable");

export class FakeDataTableBuilder {
  private readonly columns: { type: string; label: string }[] = [];
  private readonly rows: unknown[][] = [];
  constructor(readonly env: FakeEnv) {}

  addColumn(type: string, label: string): this {
    if (!Object.values(ColumnType).includes(type as never))
      throw new Error(`Exception: Invalid argument: type`);
    this.columns.push({ type, label: String(label) });
    return this;
  }
  addRow(values: unknown[]): this {
    if (!Array.isArray(values)) throw new Error("Exception: Invalid argument: values");
    if (values.length !== this.columns.length)
      throw new Error(
        `Exception: Row has ${values.length} values, but the data table has ${this.columns.length} columns.`,
      );
    values.forEach((v, c) => {
      const t = this.columns[c].type;
      const ok =
        v === null ||
        (t === "NUMBER" && typeof v === "number" && Number.isFinite(v)) ||
        (t === "STRING" && typeof v === "string") ||
        (t === "DATE" && v instanceof Date);
      if (!ok) throw new Error(`Exception: Value ${String(v)} in column ${c} is not of type ${t}.`);
    });
    this.rows.push([...values]);
    return this;
  }
  setValue(row: number, column: number, value: unknown): this {
    while (this.rows.length <= row) this.rows.push(Array(this.columns.length).fill(null));
    this.rows[row][column] = value;
    return this;
  }
  build(): FakeDataTable {
    return this._build();
  }
  _build(): FakeDataTable {
    if (this.columns.length === 0 || this.rows.length === 0)
      throw new Error("Exception: The data table is empty.");
    return new FakeDataTable(
      this.env,
      this.columns.map((c) => ({ ...c })),
      this.rows.map((r) => [...r]),
    );
  }
}
countCalls(FakeDataTableBuilder, "DataTableBuilder");

export class FakeChart {
  constructor(
    readonly env: FakeEnv,
    readonly _spec: ChartSpec,
  ) {}
  getAs(contentType: string): FakeBlob {
    if (contentType !== "image/png" && contentType !== "application/pdf")
      throw new Error(`Exception: Converting from chart to ${contentType} is not supported.`);
    // A PNG signature and the spec: enough to tell one chart from another.
    const bytes = [
      0x89,
      0x50,
      0x4e,
      0x47,
      0x0d,
      0x0a,
      0x1a,
      0x0a,
      ...Buffer.from(JSON.stringify(this._spec)),
    ];
    return new FakeBlob(this.env, contentType, bytes, this._spec);
  }
  getBlob(): FakeBlob {
    return this.getAs("image/png");
  }
  getOptions(): Record<string, unknown> {
    return { ...this._spec.options };
  }
}
countCalls(FakeChart, "Chart");

/** One builder for bar and column charts (the methods the project uses, and a few neighbours). */
export class FakeChartBuilder {
  private table: FakeDataTable | null = null;
  private title = "";
  private width = 600;
  private height = 400;
  private readonly options: Record<string, unknown> = {};
  constructor(
    readonly env: FakeEnv,
    readonly type: string,
  ) {}

  setDataTable(table: FakeDataTable | FakeDataTableBuilder): this {
    this.table = table instanceof FakeDataTableBuilder ? table._build() : table;
    if (!(this.table instanceof FakeDataTable)) throw new Error("Exception: Invalid argument: table");
    return this;
  }
  setTitle(title: string): this {
    this.title = String(title);
    return this;
  }
  setDimensions(width: number, height: number): this {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0)
      throw new Error("Exception: Invalid argument: dimensions");
    this.width = width;
    this.height = height;
    return this;
  }
  setLegendPosition(position: string): this {
    this.options.legend = position;
    return this;
  }
  setRange(start: number, end: number): this {
    if (!(start < end)) throw new Error("Exception: Invalid argument: range");
    this.options.range = [start, end];
    return this;
  }
  setColors(colors: string[]): this {
    this.options.colors = [...colors];
    return this;
  }
  setOption(option: string, value: unknown): this {
    this.options[option] = value;
    return this;
  }
  setXAxisTitle(title: string): this {
    this.options.xAxisTitle = title;
    return this;
  }
  setYAxisTitle(title: string): this {
    this.options.yAxisTitle = title;
    return this;
  }
  build(): FakeChart {
    const t = this.table;
    if (!t) throw new Error("Exception: The chart has no data table.");
    if (
      t._columns.length < 2 ||
      t._columns[0].type !== "STRING" ||
      t._columns.slice(1).some((c) => c.type !== "NUMBER")
    )
      throw new Error("Exception: A bar or column chart needs a label column and number columns.");
    return new FakeChart(this.env, {
      type: this.type,
      title: this.title,
      width: this.width,
      height: this.height,
      options: { ...this.options },
      columns: t._columns,
      rows: t._rows,
    });
  }
}
countCalls(FakeChartBuilder, "ChartBuilder");

/** The `Charts` global. */
export class FakeCharts {
  readonly ChartType = ChartType;
  readonly ColumnType = ColumnType;
  readonly Position = Position;
  constructor(readonly env: FakeEnv) {}
  newDataTable(): FakeDataTableBuilder {
    return new FakeDataTableBuilder(this.env);
  }
  newBarChart(): FakeChartBuilder {
    return new FakeChartBuilder(this.env, ChartType.BAR);
  }
  newColumnChart(): FakeChartBuilder {
    return new FakeChartBuilder(this.env, ChartType.COLUMN);
  }
}
countCalls(FakeCharts, "Charts");
