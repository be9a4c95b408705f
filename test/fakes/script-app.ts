/**
 * Fake ScriptApp (installable triggers, enums, OAuth token) and Session. Triggers belong to
 * the user who created them; the real limits apply: 20 per user per script, everyMinutes
 * only 1/5/10/15/30, and in add-on mode one trigger per event type per document and no
 * time trigger more often than hourly.
 */
import { countCalls } from "./counter.js";
import type { FakeEnv } from "./env.js";
import { FakeUser } from "./protection.js";

export const EventType = {
  CLOCK: "CLOCK",
  ON_OPEN: "ON_OPEN",
  ON_EDIT: "ON_EDIT",
  ON_FORM_SUBMIT: "ON_FORM_SUBMIT",
  ON_CHANGE: "ON_CHANGE",
  ON_EVENT_UPDATED: "ON_EVENT_UPDATED",
} as const;
export type EventTypeValue = (typeof EventType)[keyof typeof EventType];

export const TriggerSource = {
  SPREADSHEETS: "SPREADSHEETS",
  CLOCK: "CLOCK",
  FORMS: "FORMS",
  DOCUMENTS: "DOCUMENTS",
  CALENDAR: "CALENDAR",
} as const;
export type TriggerSourceValue = (typeof TriggerSource)[keyof typeof TriggerSource];

export const AuthMode = {
  NONE: "NONE",
  CUSTOM_FUNCTION: "CUSTOM_FUNCTION",
  LIMITED: "LIMITED",
  FULL: "FULL",
} as const;

export const WeekDay = {
  MONDAY: "MONDAY",
  TUESDAY: "TUESDAY",
  WEDNESDAY: "WEDNESDAY",
  THURSDAY: "THURSDAY",
  FRIDAY: "FRIDAY",
  SATURDAY: "SATURDAY",
  SUNDAY: "SUNDAY",
} as const;

export const TRIGGER_LIMIT = 20;

/** The schedule of a time-driven trigger, as given to the builder. */
export interface ClockSchedule {
  afterMs?: number;
  at?: Date;
  everyMinutes?: number;
  everyHours?: number;
  everyDays?: number;
  everyWeeks?: number;
  onWeekDay?: string;
  onMonthDay?: number;
  atHour?: number;
  nearMinute?: number;
  timeZone?: string;
}

export class FakeTrigger {
  constructor(
    readonly env: FakeEnv,
    readonly uid: string,
    readonly handler: string,
    readonly eventType: EventTypeValue,
    readonly source: TriggerSourceValue,
    readonly sourceId: string | null,
    readonly owner: string,
    readonly schedule: ClockSchedule | null,
  ) {}

  getHandlerFunction(): string {
    return this.handler;
  }
  getEventType(): EventTypeValue {
    return this.eventType;
  }
  getUniqueId(): string {
    return this.uid;
  }
  getTriggerSource(): TriggerSourceValue {
    return this.source;
  }
  getTriggerSourceId(): string | null {
    return this.sourceId;
  }
}
countCalls(FakeTrigger, "Trigger");

/** Something with getId(): a spreadsheet, form or document fake (or an id string). */
type Container = string | { id?: string; getId?(): string };
const idOf = (c: Container): string => (typeof c === "string" ? c : (c.id ?? c.getId?.() ?? ""));

class BuilderBase {
  constructor(
    readonly env: FakeEnv,
    protected readonly app: FakeScriptApp,
    protected readonly handler: string,
  ) {}
}

export class FakeClockTriggerBuilder extends BuilderBase {
  private readonly s: ClockSchedule = {};

  after(durationMilliseconds: number): this {
    this.s.afterMs = durationMilliseconds;
    return this;
  }
  at(instant: Date): this {
    this.s.at = instant;
    return this;
  }
  everyMinutes(n: number): this {
    if (![1, 5, 10, 15, 30].includes(n))
      throw new Error(
        "Exception: The value you passed to everyMinutes was invalid. It must be one of 1, 5, 10, 15 or 30.",
      );
    this.s.everyMinutes = n;
    return this;
  }
  everyHours(n: number): this {
    if (![1, 2, 4, 6, 8, 12].includes(n)) throw new Error("Exception: Invalid argument: everyHours");
    this.s.everyHours = n;
    return this;
  }
  everyDays(n: number): this {
    this.s.everyDays = n;
    return this;
  }
  everyWeeks(n: number): this {
    this.s.everyWeeks = n;
    return this;
  }
  onWeekDay(day: string): this {
    this.s.onWeekDay = String(day);
    return this;
  }
  onMonthDay(day: number): this {
    if (!Number.isInteger(day) || day < 1 || day > 31) throw new Error("Exception: Invalid argument: day");
    this.s.onMonthDay = day;
    return this;
  }
  atHour(hour: number): this {
    if (!Number.isInteger(hour) || hour < 0 || hour > 23)
      throw new Error("Exception: Invalid argument: hour");
    this.s.atHour = hour;
    return this;
  }
  nearMinute(minute: number): this {
    this.s.nearMinute = minute;
    return this;
  }
  inTimezone(timezone: string): this {
    new Intl.DateTimeFormat("en-US", { timeZone: timezone });
    this.s.timeZone = timezone;
    return this;
  }
  create(): FakeTrigger {
    const s = this.s;
    const recurring =
      s.everyMinutes ?? s.everyHours ?? s.everyDays ?? s.everyWeeks ?? s.onMonthDay ?? s.onWeekDay;
    if (recurring === undefined && s.afterMs === undefined && s.at === undefined)
      throw new Error("Exception: Invalid trigger: a time-based trigger needs a schedule.");
    if (this.app.addOn && s.everyMinutes !== undefined)
      throw new Error(
        "Exception: Add-ons may not create time-based triggers that run more often than once an hour.",
      );
    return this.app._create(this.handler, "CLOCK", "CLOCK", null, { ...s });
  }
}
countCalls(FakeClockTriggerBuilder, "ClockTriggerBuilder");

export class FakeContainerTriggerBuilder extends BuilderBase {
  private event: EventTypeValue | null = null;

  constructor(
    env: FakeEnv,
    app: FakeScriptApp,
    handler: string,
    private readonly source: TriggerSourceValue,
    private readonly sourceId: string,
  ) {
    super(env, app, handler);
  }

  onOpen(): this {
    this.event = "ON_OPEN";
    return this;
  }
  onEdit(): this {
    if (this.source !== "SPREADSHEETS")
      throw new Error("Exception: onEdit is only available for spreadsheets.");
    this.event = "ON_EDIT";
    return this;
  }
  onChange(): this {
    if (this.source !== "SPREADSHEETS")
      throw new Error("Exception: onChange is only available for spreadsheets.");
    this.event = "ON_CHANGE";
    return this;
  }
  onFormSubmit(): this {
    if (this.source === "DOCUMENTS")
      throw new Error("Exception: onFormSubmit is not available for documents.");
    this.event = "ON_FORM_SUBMIT";
    return this;
  }
  create(): FakeTrigger {
    if (!this.event) throw new Error("Exception: Invalid trigger: no event type was chosen.");
    return this.app._create(this.handler, this.event, this.source, this.sourceId, null);
  }
}
countCalls(FakeContainerTriggerBuilder, "TriggerBuilder");

export class FakeTriggerBuilder extends BuilderBase {
  timeBased(): FakeClockTriggerBuilder {
    return new FakeClockTriggerBuilder(this.env, this.app, this.handler);
  }
  forSpreadsheet(sheet: Container): FakeContainerTriggerBuilder {
    return new FakeContainerTriggerBuilder(this.env, this.app, this.handler, "SPREADSHEETS", idOf(sheet));
  }
  forForm(form: Container): FakeContainerTriggerBuilder {
    return new FakeContainerTriggerBuilder(this.env, this.app, this.handler, "FORMS", idOf(form));
  }
  forDocument(document: Container): FakeContainerTriggerBuilder {
    return new FakeContainerTriggerBuilder(this.env, this.app, this.handler, "DOCUMENTS", idOf(document));
  }
}
countCalls(FakeTriggerBuilder, "TriggerBuilder");

export class FakeScriptApp {
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;
  readonly AuthMode = AuthMode;
  readonly WeekDay = WeekDay;
  /** Every installed trigger of every user, in creation order. */
  readonly triggers: FakeTrigger[] = [];

  constructor(
    readonly env: FakeEnv,
    /** Add-on limits: one trigger per event type per document, time triggers at most hourly. */
    readonly addOn: boolean,
    private readonly scriptId = "fake-script-id",
  ) {}

  _create(
    handler: string,
    eventType: EventTypeValue,
    source: TriggerSourceValue,
    sourceId: string | null,
    schedule: ClockSchedule | null,
  ): FakeTrigger {
    const mine = this.triggers.filter((t) => t.owner === this.env.effectiveUser);
    if (mine.length >= TRIGGER_LIMIT)
      throw new Error(
        "Exception: This script has too many triggers. Triggers must be deleted from the script before more can be added.",
      );
    if (this.addOn && mine.some((t) => t.eventType === eventType && t.sourceId === sourceId))
      throw new Error("Exception: This add-on already has a trigger of this type for this document.");
    const t = new FakeTrigger(
      this.env,
      String(1000 + this.triggers.length * 7919),
      handler,
      eventType,
      source,
      sourceId,
      this.env.effectiveUser,
      schedule,
    );
    this.triggers.push(t);
    return t;
  }

  newTrigger(functionName: string): FakeTriggerBuilder {
    if (typeof functionName !== "string" || functionName === "")
      throw new Error("Exception: Invalid argument: functionName");
    return new FakeTriggerBuilder(this.env, this, functionName);
  }

  getProjectTriggers(): FakeTrigger[] {
    return this.triggers.filter((t) => t.owner === this.env.effectiveUser);
  }

  getUserTriggers(container: Container): FakeTrigger[] {
    const id = idOf(container);
    return this.triggers.filter((t) => t.owner === this.env.effectiveUser && t.sourceId === id);
  }

  deleteTrigger(trigger: FakeTrigger): void {
    const i = this.triggers.indexOf(trigger);
    if (i >= 0) this.triggers.splice(i, 1);
  }

  getOAuthToken(): string {
    return "fake-oauth-token";
  }

  getScriptId(): string {
    return this.scriptId;
  }
}
countCalls(FakeScriptApp, "ScriptApp");

export class FakeSession {
  constructor(readonly env: FakeEnv) {}

  /** "" when the user is outside the script owner's domain, as in real Apps Script. */
  getActiveUser(): FakeUser {
    return new FakeUser(this.env, this.env.activeUser);
  }
  getEffectiveUser(): FakeUser {
    return new FakeUser(this.env, this.env.effectiveUser);
  }
  getScriptTimeZone(): string {
    return this.env.scriptTimeZone;
  }
  getActiveUserLocale(): string {
    return "ru";
  }
  getTemporaryActiveUserKey(): string {
    return `key-${this.env.activeUser}`;
  }
}
countCalls(FakeSession, "Session");
