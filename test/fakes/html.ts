/**
 * Fake HtmlService: HtmlOutput, files from a provided map (the built sidebar), and a minimal
 * template (<?= name ?> is escaped, <?!= name ?> is raw; names are template properties).
 */
import { countCalls } from "./counter.js";
import type { FakeEnv } from "./env.js";

export const SandboxMode = { EMULATED: "EMULATED", IFRAME: "IFRAME", NATIVE: "NATIVE" } as const;
export const XFrameOptionsMode = { ALLOWALL: "ALLOWALL", DEFAULT: "DEFAULT" } as const;

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export class FakeHtmlOutput {
  title = "";
  width = 0;
  height = 0;
  sandboxMode: string = SandboxMode.IFRAME;
  xFrameOptionsMode: string = XFrameOptionsMode.DEFAULT;
  readonly metaTags: { name: string; content: string }[] = [];

  constructor(
    readonly env: FakeEnv,
    public content = "",
  ) {}

  getContent(): string {
    return this.content;
  }
  setContent(content: string): this {
    this.content = content;
    return this;
  }
  append(addedContent: string): this {
    this.content += addedContent;
    return this;
  }
  getTitle(): string {
    return this.title;
  }
  setTitle(title: string): this {
    this.title = title;
    return this;
  }
  getWidth(): number {
    return this.width;
  }
  setWidth(width: number): this {
    this.width = width;
    return this;
  }
  getHeight(): number {
    return this.height;
  }
  setHeight(height: number): this {
    this.height = height;
    return this;
  }
  setSandboxMode(mode: string): this {
    this.sandboxMode = mode;
    return this;
  }
  setXFrameOptionsMode(mode: string): this {
    this.xFrameOptionsMode = mode;
    return this;
  }
  addMetaTag(name: string, content: string): this {
    this.metaTags.push({ name, content });
    return this;
  }
}
countCalls(FakeHtmlOutput, "HtmlOutput");

export class FakeHtmlTemplate {
  [property: string]: unknown;

  constructor(
    readonly env: FakeEnv,
    private readonly source: string,
  ) {}

  getRawContent(): string {
    return this.source;
  }

  evaluate(): FakeHtmlOutput {
    const html = this.source.replace(
      /<\?(!?)=\s*([A-Za-z_$][\w$]*)\s*\?>/g,
      (_m, raw: string, name: string) => {
        const v = this[name];
        const s = v === undefined || v === null ? "" : String(v);
        return raw ? s : escapeHtml(s);
      },
    );
    return new FakeHtmlOutput(this.env, html);
  }
}
countCalls(FakeHtmlTemplate, "HtmlTemplate");

export class FakeHtmlService {
  readonly SandboxMode = SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode;

  constructor(
    readonly env: FakeEnv,
    /** Project HTML files by name (without ".html"). */
    readonly files: Record<string, string>,
  ) {}

  private _file(filename: string): string {
    const name = filename.replace(/\.html$/, "");
    const f = this.files[name];
    if (f === undefined) throw new Error(`Exception: No HTML file named ${name} was found.`);
    return f;
  }

  createHtmlOutput(html = ""): FakeHtmlOutput {
    return new FakeHtmlOutput(this.env, String(html));
  }

  createHtmlOutputFromFile(filename: string): FakeHtmlOutput {
    return new FakeHtmlOutput(this.env, this._file(filename));
  }

  createTemplate(html: string): FakeHtmlTemplate {
    return new FakeHtmlTemplate(this.env, html);
  }

  createTemplateFromFile(filename: string): FakeHtmlTemplate {
    return new FakeHtmlTemplate(this.env, this._file(filename));
  }
}
countCalls(FakeHtmlService, "HtmlService");
