/** Fake SpreadsheetApp.newDataValidation() builder and the DataValidation rules it builds. */
import { countCalls } from "./counter.js";
import type { FakeEnv } from "./env.js";

export const DataValidationCriteria = {
  CHECKBOX: "CHECKBOX",
  CUSTOM_FORMULA: "CUSTOM_FORMULA",
  DATE_IS_VALID_DATE: "DATE_IS_VALID_DATE",
  NUMBER_BETWEEN: "NUMBER_BETWEEN",
  NUMBER_GREATER_THAN_OR_EQUAL_TO: "NUMBER_GREATER_THAN_OR_EQUAL_TO",
  TEXT_IS_VALID_EMAIL: "TEXT_IS_VALID_EMAIL",
  VALUE_IN_LIST: "VALUE_IN_LIST",
  VALUE_IN_RANGE: "VALUE_IN_RANGE",
} as const;
export type CriteriaType = (typeof DataValidationCriteria)[keyof typeof DataValidationCriteria];

interface RuleState {
  type: CriteriaType | null;
  values: unknown[];
  allowInvalid: boolean;
  helpText: string | null;
}

export class FakeDataValidation {
  constructor(
    readonly env: FakeEnv,
    private readonly state: Readonly<RuleState>,
  ) {}

  getCriteriaType(): CriteriaType {
    return this.state.type!;
  }

  getCriteriaValues(): unknown[] {
    return [...this.state.values];
  }

  getAllowInvalid(): boolean {
    return this.state.allowInvalid;
  }

  getHelpText(): string | null {
    return this.state.helpText;
  }

  copy(): FakeDataValidationBuilder {
    return new FakeDataValidationBuilder(this.env, { ...this.state, values: [...this.state.values] });
  }
}
countCalls(FakeDataValidation, "DataValidation");

export class FakeDataValidationBuilder {
  private state: RuleState;

  constructor(
    readonly env: FakeEnv,
    // New rules reject nothing until told to: allowInvalid defaults to true, as in Sheets.
    state: RuleState = { type: null, values: [], allowInvalid: true, helpText: null },
  ) {
    this.state = state;
  }

  private _set(type: CriteriaType, values: unknown[]): this {
    this.state.type = type;
    this.state.values = values;
    return this;
  }

  requireValueInList(values: string[], showDropdown = true): this {
    if (!Array.isArray(values) || values.length === 0) throw new Error("Exception: Invalid argument: values");
    return this._set("VALUE_IN_LIST", [values.map(String), showDropdown]);
  }

  requireValueInRange(range: unknown, showDropdown = true): this {
    return this._set("VALUE_IN_RANGE", [range, showDropdown]);
  }

  requireFormulaSatisfied(formula: string): this {
    return this._set("CUSTOM_FORMULA", [formula]);
  }

  requireCheckbox(checked?: unknown, unchecked?: unknown): this {
    return this._set(
      "CHECKBOX",
      [checked, unchecked].filter((v) => v !== undefined),
    );
  }

  requireNumberBetween(start: number, end: number): this {
    return this._set("NUMBER_BETWEEN", [start, end]);
  }

  requireNumberGreaterThanOrEqualTo(n: number): this {
    return this._set("NUMBER_GREATER_THAN_OR_EQUAL_TO", [n]);
  }

  requireTextIsEmail(): this {
    return this._set("TEXT_IS_VALID_EMAIL", []);
  }

  requireDate(): this {
    return this._set("DATE_IS_VALID_DATE", []);
  }

  withCriteria(criteria: CriteriaType, args: unknown[]): this {
    return this._set(criteria, [...args]);
  }

  setAllowInvalid(allowInvalidData: boolean): this {
    this.state.allowInvalid = Boolean(allowInvalidData);
    return this;
  }

  setHelpText(helpText: string): this {
    this.state.helpText = helpText;
    return this;
  }

  getCriteriaType(): CriteriaType | null {
    return this.state.type;
  }

  getCriteriaValues(): unknown[] {
    return [...this.state.values];
  }

  getAllowInvalid(): boolean {
    return this.state.allowInvalid;
  }

  getHelpText(): string | null {
    return this.state.helpText;
  }

  copy(): FakeDataValidationBuilder {
    return new FakeDataValidationBuilder(this.env, { ...this.state, values: [...this.state.values] });
  }

  build(): FakeDataValidation {
    if (!this.state.type) throw new Error("Exception: You must specify a criteria before building the rule.");
    return new FakeDataValidation(this.env, { ...this.state, values: [...this.state.values] });
  }
}
countCalls(FakeDataValidationBuilder, "DataValidationBuilder");
