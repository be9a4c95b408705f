import { describe, expect, it } from "vitest";
import {
  computeMonth,
  type JsonSchema,
  SUMMARY_JSON_SCHEMA,
  summaryJson,
  withDynamics,
} from "../../../src/core/metrics/index.js";
import {
  contact,
  enrol,
  group,
  journal,
  lesson,
  school,
  staffMember,
  student,
} from "../../support/synthetic-school.js";

/**
 * A small JSON Schema checker for the keywords SUMMARY_JSON_SCHEMA uses: type, const, enum,
 * oneOf, properties/required/additionalProperties, items, minimum/maximum, pattern, $ref.
 * Returns the paths that fail. It throws on a keyword it does not know, so the schema
 * cannot silently grow past what is checked.
 */
const KNOWN = new Set([
  "$schema",
  "$id",
  "$defs",
  "title",
  "description",
  "type",
  "const",
  "enum",
  "oneOf",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "minimum",
  "maximum",
  "pattern",
  "$ref",
]);

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

function check(schema: JsonSchema, value: unknown, root: JsonSchema, path = "$"): string[] {
  for (const k of Object.keys(schema))
    if (!KNOWN.has(k)) throw new Error(`unchecked keyword ${k} at ${path}`);
  if (typeof schema.$ref === "string") {
    const name = schema.$ref.replace("#/$defs/", "");
    const def = (root.$defs as Record<string, JsonSchema>)[name];
    if (!def) throw new Error(`unresolved ${schema.$ref}`);
    return check(def, value, root, path);
  }
  const errors: string[] = [];
  if (schema.type !== undefined) {
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    const t = typeOf(value);
    if (!types.includes(t) && !(t === "integer" && types.includes("number"))) {
      return [`${path}: ${t} is not ${types.join("|")}`];
    }
  }
  if ("const" in schema && value !== schema.const)
    errors.push(`${path}: not ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value as never))
    errors.push(`${path}: not in enum`);
  if (Array.isArray(schema.oneOf)) {
    const ok = schema.oneOf.filter((s) => check(s as JsonSchema, value, root, path).length === 0).length;
    if (ok !== 1) errors.push(`${path}: matches ${ok} of oneOf`);
  }
  if (typeof value === "number") {
    if (typeof schema.minimum === "number" && value < schema.minimum)
      errors.push(`${path}: < ${schema.minimum}`);
    if (typeof schema.maximum === "number" && value > schema.maximum)
      errors.push(`${path}: > ${schema.maximum}`);
  }
  if (
    typeof value === "string" &&
    typeof schema.pattern === "string" &&
    !new RegExp(schema.pattern).test(value)
  ) {
    errors.push(`${path}: does not match ${schema.pattern}`);
  }
  if (typeOf(value) === "object") {
    const obj = value as Record<string, unknown>;
    const props = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const k of (schema.required ?? []) as string[])
      if (!(k in obj)) errors.push(`${path}.${k}: missing`);
    for (const [k, v] of Object.entries(obj)) {
      if (props[k]) errors.push(...check(props[k], v, root, `${path}.${k}`));
      else if (schema.additionalProperties === false) errors.push(`${path}.${k}: not allowed`);
    }
  }
  if (Array.isArray(value) && schema.items) {
    value.forEach((v, i) => {
      errors.push(...check(schema.items as JsonSchema, v, root, `${path}[${i}]`));
    });
  }
  return errors;
}

function model() {
  return school({
    settings: { school: "Школа №1" },
    students: [student("S1", "9А", "Иванова Анна"), student("S2", "9А"), student("S3", "10Б")],
    staff: [staffMember("T1", "teacher"), staffMember("U1", "tutor")],
    groups: [group("G1", "T1", "U1"), group("G2", "T1"), group("G3", "T1")],
    enrollments: [enrol("S1", "G1"), enrol("S2", "G1"), enrol("S3", "G2"), enrol("S1", "G3")],
    journals: [
      journal(
        "G1",
        ["2026-09-07", "2026-10-05", "2026-10-12", "2026-10-19"],
        [
          ["S1", "", "5", "5", "4", "5/4"],
          ["S2", "", "3", "н", "н", "2"],
        ],
      ),
      journal("G2", ["2026-10-06", "2026-10-13"], [["S3", "", "осв", "зач"]]),
    ],
    contacts: [contact("2026-10-02", "T1")],
  });
}

describe("JSON summary", () => {
  const m = model();
  const planned = [lesson("G1", "2026-10-05"), lesson("G1", "2026-10-12")];
  const oct = computeMonth(m, "2026-10", planned);
  const sep = computeMonth(m, "2026-09", planned);
  const json = summaryJson(oct, withDynamics(oct, sep), {
    school: "Школа №1",
    generatedAt: "2026-11-01T09:00:00+03:00",
  });

  it("validates against SUMMARY_JSON_SCHEMA, through a JSON round trip", () => {
    const parsed = JSON.parse(JSON.stringify(json));
    expect(check(SUMMARY_JSON_SCHEMA, parsed, SUMMARY_JSON_SCHEMA)).toEqual([]);
    expect(parsed).toEqual(json); // nothing (undefined, NaN, Date) lost on the way
  });

  it("carries the version, the month and the figures", () => {
    expect(json).toMatchObject({
      schema: "coordinator.summary/v2",
      month: "2026-10",
      previousMonth: "2026-09",
      school: "Школа №1",
      generatedAt: "2026-11-01T09:00:00+03:00",
    });
    // G1 October: S1 5,4,5,4 = 4.5 -> 5; S2 н, н, 2 -> н/а, missed 2/3.
    const g1 = json.groups[0];
    expect(g1).toMatchObject({ groupId: "G1", N: 2, n5: 1, nNa: 1, success: 50, quality: 50, sou: 53.5 });
    // attendance 100 − 2·100/6 = 66.666… -> 66.6667 (4 decimals).
    expect(g1.attendance).toBe(66.6667);
    expect(g1.dynamics.N).toEqual({ previous: 2, change: 0 });
    expect(json.atRisk.map((p) => [p.studentId, p.riskReasons])).toEqual([
      ["S2", ["absences", "no-mark"]],
      ["S3", ["no-mark"]],
    ]);
    // S3: one «зач», one «осв» -> 1 lesson, н/а; S1·G3 has no journal, so it is not counted.
    expect(json.pairs.map((p) => `${p.studentId}·${p.groupId}`)).toEqual(["S1·G1", "S2·G1", "S3·G2"]);
    expect(json.pairs[0].name).toBe("Иванова Анна");
  });

  it("withholds names on request", () => {
    const anon = summaryJson(oct, null, {
      school: "",
      generatedAt: "2026-11-01T09:00:00+03:00",
      names: "ids",
    });
    expect(anon.pairs.every((p) => p.name === "")).toBe(true);
    expect(anon.previousMonth).toBeNull();
    expect(anon.totals.dynamics.success).toEqual({ previous: null, change: null });
    expect(check(SUMMARY_JSON_SCHEMA, anon, SUMMARY_JSON_SCHEMA)).toEqual([]);
  });

  it("rejects summaries that drift from the schema", () => {
    const broken = (edit: (j: Record<string, unknown>) => void) => {
      const j = JSON.parse(JSON.stringify(json));
      edit(j);
      return check(SUMMARY_JSON_SCHEMA, j, SUMMARY_JSON_SCHEMA);
    };
    expect(broken((j) => delete j.month)).toEqual(["$.month: missing"]);
    expect(broken((j) => (j.extra = 1))).toEqual(["$.extra: not allowed"]);
    expect(broken((j) => ((j.groups as Record<string, unknown>[])[0].success = "50"))).toEqual([
      "$.groups[0].success: string is not number|null",
    ]);
    expect(broken((j) => ((j.pairs as Record<string, unknown>[])[1].monthMark = "n/a"))).toEqual([
      "$.pairs[1].monthMark: matches 0 of oneOf",
    ]);
    expect(broken((j) => ((j.totals as Record<string, unknown>).attendance = 101))).toEqual([
      "$.totals.attendance: > 100",
    ]);
  });
});
