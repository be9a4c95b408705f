/**
 * Fake SpreadsheetApp.getUi(): menus, alerts, prompts, sidebars and dialogs are recorded;
 * a test scripts the user's answers with _answer(). Unanswered alerts press OK (or YES),
 * unanswered prompts return "" with OK.
 */
import { countCalls } from "./counter.js";
import type { FakeEnv } from "./env.js";

export const ButtonSet = {
  OK: "OK",
  OK_CANCEL: "OK_CANCEL",
  YES_NO: "YES_NO",
  YES_NO_CANCEL: "YES_NO_CANCEL",
} as const;
export const Button = { CLOSE: "CLOSE", OK: "OK", CANCEL: "CANCEL", YES: "YES", NO: "NO" } as const;
export type ButtonValue = (typeof Button)[keyof typeof Button];
type ButtonSetValue = (typeof ButtonSet)[keyof typeof ButtonSet];

export type MenuEntry =
  | { type: "item"; caption: string; functionName: string }
  | { type: "separator" }
  | { type: "submenu"; menu: FakeMenu };

/** An HtmlOutput: the fake's fields are read directly so showing it costs one call, not three. */
interface HtmlLike {
  content?: string;
  title?: string;
  getContent(): string;
}

function shown(kind: Shown["kind"], html: HtmlLike, title?: string): Shown {
  const content = typeof html.content === "string" ? html.content : html.getContent();
  return { kind, title: title ?? html.title ?? "", html: content };
}

export interface Shown {
  kind: "sidebar" | "modal" | "modeless";
  title: string;
  html: string;
}

export class FakeMenu {
  readonly items: MenuEntry[] = [];

  constructor(
    readonly env: FakeEnv,
    private readonly ui: FakeUi,
    readonly caption: string,
  ) {}

  addItem(caption: string, functionName: string): this {
    if (typeof functionName !== "string" || functionName === "")
      throw new Error("Exception: Invalid argument: functionName");
    this.items.push({ type: "item", caption, functionName });
    return this;
  }

  addSeparator(): this {
    this.items.push({ type: "separator" });
    return this;
  }

  addSubMenu(menu: FakeMenu): this {
    this.items.push({ type: "submenu", menu });
    return this;
  }

  addToUi(): void {
    const i = this.ui.menus.findIndex((m) => m.caption === this.caption);
    if (i >= 0) this.ui.menus.splice(i, 1, this);
    else this.ui.menus.push(this);
  }

  /** Test helper: every function name reachable from this menu. */
  _functionNames(): string[] {
    return this.items.flatMap((e) =>
      e.type === "item" ? [e.functionName] : e.type === "submenu" ? e.menu._functionNames() : [],
    );
  }
}
countCalls(FakeMenu, "Menu");

export class FakePromptResponse {
  constructor(
    readonly env: FakeEnv,
    private readonly text: string,
    private readonly button: ButtonValue,
  ) {}

  getResponseText(): string {
    return this.text;
  }

  getSelectedButton(): ButtonValue {
    return this.button;
  }
}
countCalls(FakePromptResponse, "PromptResponse");

export class FakeUi {
  readonly ButtonSet = ButtonSet;
  readonly Button = Button;
  readonly menus: FakeMenu[] = [];
  readonly alerts: { title: string; prompt: string; buttons: ButtonSetValue; answer: ButtonValue }[] = [];
  readonly prompts: { title: string; prompt: string; buttons: ButtonSetValue; answer: string }[] = [];
  readonly shown: Shown[] = [];
  private readonly answers: { button?: ButtonValue; text?: string }[] = [];

  constructor(readonly env: FakeEnv) {}

  /** Test helper: the next alert/prompt gets this answer. */
  _answer(answer: { button?: ButtonValue; text?: string }): void {
    this.answers.push(answer);
  }

  /** Test helper: every function name in every menu added to the UI. */
  _functionNames(): string[] {
    return this.menus.flatMap((m) => m._functionNames());
  }

  createMenu(caption: string): FakeMenu {
    return new FakeMenu(this.env, this, caption);
  }

  createAddonMenu(): FakeMenu {
    return new FakeMenu(this.env, this, "(add-on)");
  }

  private _args(
    a: string,
    b?: unknown,
    c?: unknown,
  ): { title: string; prompt: string; buttons: ButtonSetValue } {
    if (typeof b === "string") return { title: a, prompt: b, buttons: (c as ButtonSetValue) ?? "OK" };
    return { title: "", prompt: a, buttons: (b as ButtonSetValue) ?? "OK" };
  }

  alert(a: string, b?: unknown, c?: unknown): ButtonValue {
    const args = this._args(a, b, c);
    const given = this.answers.shift();
    const answer = given?.button ?? (args.buttons.startsWith("YES") ? "YES" : "OK");
    this.alerts.push({ ...args, answer });
    return answer;
  }

  prompt(a: string, b?: unknown, c?: unknown): FakePromptResponse {
    const args = this._args(a, b, c);
    const given = this.answers.shift();
    const button = given?.button ?? (args.buttons.startsWith("YES") ? "YES" : "OK");
    const text = given?.text ?? "";
    this.prompts.push({ ...args, answer: text });
    return new FakePromptResponse(this.env, text, button);
  }

  showSidebar(html: HtmlLike): void {
    this.shown.push(shown("sidebar", html));
  }

  showModalDialog(html: HtmlLike, title: string): void {
    this.shown.push(shown("modal", html, title));
  }

  showModelessDialog(html: HtmlLike, title: string): void {
    this.shown.push(shown("modeless", html, title));
  }
}
countCalls(FakeUi, "Ui");
