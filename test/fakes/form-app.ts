/**
 * Fake FormApp: forms, their items, responses and prefilled URLs, counting every call.
 * Behaviour follows the real service where the program depends on it:
 * - getItems() returns generic Items; type-specific setters need asTextItem() & co.
 * - a prefilled URL is `<published>/viewform?usp=pp_url&entry.NNN=<encoded>` where NNN is
 *   the item's entry number, which is NOT item.getId() (read it from one generated URL);
 * - nothing is recorded without submit(); a submitted response has an id and a timestamp;
 * - openById of a deleted form throws the real "No item with the given ID" message.
 * _respond() plays a respondent on the web form (required answers, text validation), and
 * formSubmitEvents() builds the event object a form-bound onFormSubmit trigger receives.
 */
import { countCalls } from "./counter.js";
import type { FakeEnv } from "./env.js";
import type { FakeScriptApp } from "./script-app.js";

export const ItemType = {
  TEXT: "TEXT",
  PARAGRAPH_TEXT: "PARAGRAPH_TEXT",
  SCALE: "SCALE",
  MULTIPLE_CHOICE: "MULTIPLE_CHOICE",
  CHECKBOX: "CHECKBOX",
  LIST: "LIST",
  DATE: "DATE",
} as const;
export type ItemTypeValue = (typeof ItemType)[keyof typeof ItemType];

export const NO_ITEM_MESSAGE =
  "Exception: No item with the given ID could be found. Possibly because you have not edited this item or you do not have permission to access it.";

interface ItemData {
  id: number;
  /** The number in `entry.NNN` of prefilled URLs and of the web form's inputs. */
  entry: number;
  type: ItemTypeValue;
  title: string;
  help: string;
  required: boolean;
  low?: number;
  high?: number;
  lowLabel?: string;
  highLabel?: string;
  choices?: string[];
  pattern?: { regex: string; matches: boolean; help: string } | null;
}

export class FakeTextValidation {
  constructor(
    readonly env: FakeEnv,
    readonly rule: { regex: string; matches: boolean; help: string },
  ) {}
}
countCalls(FakeTextValidation, "TextValidation");

export class FakeTextValidationBuilder {
  private rule: { regex: string; matches: boolean; help: string } | null = null;
  private help = "";
  constructor(readonly env: FakeEnv) {}

  requireTextMatchesPattern(pattern: string): this {
    new RegExp(pattern);
    this.rule = { regex: pattern, matches: true, help: "" };
    return this;
  }
  requireTextDoesNotMatchPattern(pattern: string): this {
    new RegExp(pattern);
    this.rule = { regex: pattern, matches: false, help: "" };
    return this;
  }
  setHelpText(text: string): this {
    this.help = text;
    return this;
  }
  build(): FakeTextValidation {
    if (!this.rule) throw new Error("Exception: Validation requires a rule.");
    return new FakeTextValidation(this.env, { ...this.rule, help: this.help });
  }
}
countCalls(FakeTextValidationBuilder, "TextValidationBuilder");

export class FakeChoice {
  constructor(
    readonly env: FakeEnv,
    private readonly value: string,
  ) {}
  getValue(): string {
    return this.value;
  }
}
countCalls(FakeChoice, "Choice");

const wrongType = (d: ItemData, want: string) =>
  new Error(`Exception: Item with ID ${d.id} is of type ${d.type}, not ${want}.`);

/** What every item view shares: the data lives in the form, views are cheap handles. */
class ItemBase {
  constructor(
    readonly env: FakeEnv,
    readonly form: FakeForm,
    readonly data: ItemData,
  ) {}

  getId(): number {
    return this.data.id;
  }
  getTitle(): string {
    return this.data.title;
  }
  getHelpText(): string {
    return this.data.help;
  }
  getType(): ItemTypeValue {
    return this.data.type;
  }
  getIndex(): number {
    return this.form._items.indexOf(this.data);
  }
  setTitle(title: string): this {
    this.data.title = String(title);
    return this;
  }
  setHelpText(text: string): this {
    this.data.help = String(text);
    return this;
  }
}
countCalls(ItemBase, "Item");

class AnswerableItem extends ItemBase {
  isRequired(): boolean {
    return this.data.required;
  }
  setRequired(enabled: boolean): this {
    this.data.required = Boolean(enabled);
    return this;
  }
}
countCalls(AnswerableItem, "Item");

/** The generic Item of form.getItems(): no type-specific setters, only asXxxItem(). */
export class FakeItem extends ItemBase {
  asTextItem(): FakeTextItem {
    if (this.data.type !== "TEXT") throw wrongType(this.data, "TEXT");
    return new FakeTextItem(this.env, this.form, this.data);
  }
  asParagraphTextItem(): FakeParagraphTextItem {
    if (this.data.type !== "PARAGRAPH_TEXT") throw wrongType(this.data, "PARAGRAPH_TEXT");
    return new FakeParagraphTextItem(this.env, this.form, this.data);
  }
  asScaleItem(): FakeScaleItem {
    if (this.data.type !== "SCALE") throw wrongType(this.data, "SCALE");
    return new FakeScaleItem(this.env, this.form, this.data);
  }
  asMultipleChoiceItem(): FakeMultipleChoiceItem {
    if (this.data.type !== "MULTIPLE_CHOICE") throw wrongType(this.data, "MULTIPLE_CHOICE");
    return new FakeMultipleChoiceItem(this.env, this.form, this.data);
  }
}
countCalls(FakeItem, "Item");

export class FakeTextItem extends AnswerableItem {
  setValidation(validation: FakeTextValidation): this {
    this.data.pattern = { ...validation.rule };
    return this;
  }
  clearValidation(): this {
    this.data.pattern = null;
    return this;
  }
  createResponse(response: string): FakeItemResponse {
    return new FakeItemResponse(this.env, this.form, this.data, String(response));
  }
}
countCalls(FakeTextItem, "TextItem");

export class FakeParagraphTextItem extends AnswerableItem {
  createResponse(response: string): FakeItemResponse {
    return new FakeItemResponse(this.env, this.form, this.data, String(response));
  }
}
countCalls(FakeParagraphTextItem, "ParagraphTextItem");

export class FakeScaleItem extends AnswerableItem {
  setBounds(lower: number, upper: number): this {
    if (![0, 1].includes(lower) || upper < 3 || upper > 10)
      throw new Error("Exception: Invalid argument: bounds (lower 0 or 1, upper 3 to 10)");
    this.data.low = lower;
    this.data.high = upper;
    return this;
  }
  setLabels(lower: string, upper: string): this {
    this.data.lowLabel = lower;
    this.data.highLabel = upper;
    return this;
  }
  getLowerBound(): number {
    return this.data.low ?? 1;
  }
  getUpperBound(): number {
    return this.data.high ?? 5;
  }
  getLeftLabel(): string {
    return this.data.lowLabel ?? "";
  }
  getRightLabel(): string {
    return this.data.highLabel ?? "";
  }
  createResponse(response: number): FakeItemResponse {
    const n = Number(response);
    if (!Number.isInteger(n) || n < this.getLowerBound() || n > this.getUpperBound())
      throw new Error(`Exception: Invalid response submitted to item: ${response}`);
    return new FakeItemResponse(this.env, this.form, this.data, String(n));
  }
}
countCalls(FakeScaleItem, "ScaleItem");

export class FakeMultipleChoiceItem extends AnswerableItem {
  setChoiceValues(values: string[]): this {
    this.data.choices = values.map(String);
    return this;
  }
  getChoices(): FakeChoice[] {
    return (this.data.choices ?? []).map((v) => new FakeChoice(this.env, v));
  }
  createResponse(response: string): FakeItemResponse {
    return new FakeItemResponse(this.env, this.form, this.data, String(response));
  }
}
countCalls(FakeMultipleChoiceItem, "MultipleChoiceItem");

export class FakeItemResponse {
  constructor(
    readonly env: FakeEnv,
    private readonly form: FakeForm,
    readonly data: ItemData,
    private readonly value: string | string[],
  ) {}

  getItem(): FakeItem {
    return new FakeItem(this.env, this.form, this.data);
  }
  /** Text, scale (as text), choice: a string; checkboxes: string[]. */
  getResponse(): string | string[] {
    return Array.isArray(this.value) ? [...this.value] : this.value;
  }
  _value(): string | string[] {
    return this.value;
  }
}
countCalls(FakeItemResponse, "ItemResponse");

/** Google's prefilled links encode spaces as "+". */
const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, "+");

export class FakeFormResponse {
  private readonly answers: FakeItemResponse[] = [];
  private timestamp: Date | null = null;
  private id: string | null = null;

  constructor(
    readonly env: FakeEnv,
    readonly form: FakeForm,
  ) {}

  /** Adds (or replaces) the answer to one item. */
  withItemResponse(response: FakeItemResponse): this {
    const i = this.answers.findIndex((a) => a.data === response.data);
    if (i >= 0) this.answers.splice(i, 1, response);
    else this.answers.push(response);
    return this;
  }
  getItemResponses(): FakeItemResponse[] {
    // In the form's item order, as Apps Script returns them.
    return [...this.answers].sort(
      (a, b) => this.form._items.indexOf(a.data) - this.form._items.indexOf(b.data),
    );
  }
  getResponseForItem(item: { data: ItemData }): FakeItemResponse | null {
    return this.answers.find((a) => a.data === item.data) ?? null;
  }
  getTimestamp(): Date | null {
    return this.timestamp ? new Date(this.timestamp) : null;
  }
  getId(): string | null {
    return this.id;
  }
  getRespondentEmail(): string {
    return "";
  }
  toPrefilledUrl(): string {
    const parts = this.getItemResponses().flatMap((a) => {
      const v = a._value();
      return (Array.isArray(v) ? v : [v]).map((x) => `entry.${a.data.entry}=${enc(x)}`);
    });
    return [`${this.form._publishedUrl()}?usp=pp_url`, ...parts].join("&");
  }
  submit(): this {
    if (this.id) throw new Error("Exception: This response has already been submitted.");
    this.timestamp = this.env.now();
    this.id = `2_ABaOnu${this.env.nextId("r")}`;
    this.form._responses.push(this);
    return this;
  }
}
countCalls(FakeFormResponse, "FormResponse");

export class FakeForm {
  readonly _items: ItemData[] = [];
  readonly _responses: FakeFormResponse[] = [];
  private title: string;
  private description = "";
  private collectEmail = false;
  private confirmation = "";
  private allowEdits = false;
  private accepting = true;

  constructor(
    readonly env: FakeEnv,
    private readonly app: FakeFormApp,
    readonly id: string,
    private readonly publishedId: string,
    title: string,
  ) {
    this.title = title;
  }

  _publishedUrl(): string {
    return `https://docs.google.com/forms/d/e/${this.publishedId}/viewform`;
  }

  getId(): string {
    return this.id;
  }
  getTitle(): string {
    return this.title;
  }
  setTitle(title: string): this {
    this.title = String(title);
    return this;
  }
  getDescription(): string {
    return this.description;
  }
  setDescription(description: string): this {
    this.description = String(description);
    return this;
  }
  getPublishedUrl(): string {
    return this._publishedUrl();
  }
  getEditUrl(): string {
    return `https://docs.google.com/forms/d/${this.id}/edit`;
  }
  setCollectEmail(collect: boolean): this {
    this.collectEmail = Boolean(collect);
    return this;
  }
  collectsEmail(): boolean {
    return this.collectEmail;
  }
  setConfirmationMessage(message: string): this {
    this.confirmation = String(message);
    return this;
  }
  getConfirmationMessage(): string {
    return this.confirmation;
  }
  setAllowResponseEdits(enabled: boolean): this {
    this.allowEdits = Boolean(enabled);
    return this;
  }
  canEditResponse(): boolean {
    return this.allowEdits;
  }
  setAcceptingResponses(enabled: boolean): this {
    this.accepting = Boolean(enabled);
    return this;
  }
  isAcceptingResponses(): boolean {
    return this.accepting;
  }

  getItems(itemType?: ItemTypeValue): FakeItem[] {
    return this._items
      .filter((d) => itemType === undefined || d.type === itemType)
      .map((d) => new FakeItem(this.env, this, d));
  }
  getItemById(id: number): FakeItem | null {
    const d = this._items.find((x) => x.id === id);
    return d ? new FakeItem(this.env, this, d) : null;
  }
  private _add(type: ItemTypeValue): ItemData {
    const d: ItemData = { ...this.app._ids(), type, title: "", help: "", required: false };
    if (type === "SCALE") Object.assign(d, { low: 1, high: 5 });
    this._items.push(d);
    return d;
  }
  addTextItem(): FakeTextItem {
    return new FakeTextItem(this.env, this, this._add("TEXT"));
  }
  addParagraphTextItem(): FakeParagraphTextItem {
    return new FakeParagraphTextItem(this.env, this, this._add("PARAGRAPH_TEXT"));
  }
  addScaleItem(): FakeScaleItem {
    return new FakeScaleItem(this.env, this, this._add("SCALE"));
  }
  addMultipleChoiceItem(): FakeMultipleChoiceItem {
    return new FakeMultipleChoiceItem(this.env, this, this._add("MULTIPLE_CHOICE"));
  }
  /** An index or any item view of this form. */
  deleteItem(item: number | { data: ItemData }): void {
    const i = typeof item === "number" ? item : this._items.indexOf(item.data);
    if (i < 0 || i >= this._items.length) throw new Error("Exception: Invalid argument: item");
    this._items.splice(i, 1);
  }
  moveItem(item: number | { data: ItemData }, toIndex: number): FakeItem {
    const i = typeof item === "number" ? item : this._items.indexOf(item.data);
    if (i < 0 || i >= this._items.length || toIndex < 0 || toIndex >= this._items.length)
      throw new Error("Exception: Invalid argument: index");
    const [d] = this._items.splice(i, 1);
    this._items.splice(toIndex, 0, d);
    return new FakeItem(this.env, this, d);
  }
  createResponse(): FakeFormResponse {
    return new FakeFormResponse(this.env, this);
  }
  getResponses(): FakeFormResponse[] {
    return [...this._responses];
  }
}
countCalls(FakeForm, "Form");

export class FakeFormApp {
  readonly ItemType = ItemType;
  /** Every form ever created (deleted ones removed), by ID. */
  readonly forms = new Map<string, FakeForm>();
  private seq = 0;

  constructor(readonly env: FakeEnv) {}

  _ids(): { id: number; entry: number } {
    this.seq++;
    // Real item IDs and entry numbers are unrelated numbers of about ten digits.
    return { id: 1_000_000_000 + this.seq * 7919, entry: 1_900_000_000 + this.seq * 104_729 };
  }

  create(title: string): FakeForm {
    const n = this.env.nextId("");
    const form = new FakeForm(this.env, this, `1Fm${n}xYz`, `1FAIpQLSf${n}pub`, String(title));
    this.forms.set(form.id, form);
    return form;
  }
  openById(id: string): FakeForm {
    const f = this.forms.get(id);
    if (!f) throw new Error(NO_ITEM_MESSAGE);
    return f;
  }
  openByUrl(url: string): FakeForm {
    const m = /\/forms\/d\/([^/]+)/.exec(url);
    return this.openById(m?.[1] ?? "");
  }
  getActiveForm(): null {
    return null;
  }
  createTextValidation(): FakeTextValidationBuilder {
    return new FakeTextValidationBuilder(this.env);
  }

  /** Test helper: the form is deleted (its ID no longer opens). */
  _delete(id: string): void {
    this.forms.delete(id);
  }

  /**
   * Test helper: a respondent fills in the web form (answers by question title) and submits
   * at env.now(). The web form refuses what a respondent could not send: a required
   * question left blank, a text failing its validation, a scale or choice out of range.
   */
  _respond(form: FakeForm, answers: Record<string, string | number>): FakeFormResponse {
    const r = form.createResponse();
    for (const d of form._items) {
      const given = answers[d.title];
      const v = given === undefined ? "" : String(given);
      if (!v) {
        if (d.required) throw new Error(`The web form refuses: "${d.title}" is required`);
        continue;
      }
      if (d.type === "TEXT" && d.pattern && new RegExp(d.pattern.regex).test(v) !== d.pattern.matches)
        throw new Error(`The web form refuses: "${d.title}" fails its validation`);
      if (d.type === "MULTIPLE_CHOICE" && !(d.choices ?? []).includes(v))
        throw new Error(`The web form refuses: "${v}" is not a choice of "${d.title}"`);
      const n = Number(v);
      if (d.type === "SCALE" && !(Number.isInteger(n) && n >= (d.low ?? 1) && n <= (d.high ?? 5)))
        throw new Error(`The web form refuses: ${v} is outside the scale of "${d.title}"`);
      r.withItemResponse(new FakeItemResponse(this.env, form, d, v));
    }
    for (const title of Object.keys(answers))
      if (!form._items.some((d) => d.title === title)) throw new Error(`No question "${title}" in the form`);
    return r.submit();
  }
}
countCalls(FakeFormApp, "FormApp");

export interface FormSubmitEvent {
  authMode: string;
  response: FakeFormResponse;
  source: FakeForm;
  triggerUid: string;
}

/**
 * The events Apps Script delivers for a submitted response: one per installed form-bound
 * ON_FORM_SUBMIT trigger of that form, shaped {authMode, response, source, triggerUid}.
 */
export function formSubmitEvents(
  scriptApp: FakeScriptApp,
  response: FakeFormResponse,
): { handler: string; event: FormSubmitEvent }[] {
  const form = response.form;
  return scriptApp.triggers
    .filter((t) => t.eventType === "ON_FORM_SUBMIT" && t.source === "FORMS" && t.sourceId === form.id)
    .map((t) => ({
      handler: t.handler,
      event: { authMode: "FULL", response, source: form, triggerUid: t.uid },
    }));
}
