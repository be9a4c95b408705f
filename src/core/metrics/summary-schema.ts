/**
 * JSON Schema (draft 2020-12) of SummaryJson, for whoever reads the summary file. Every
 * object lists all its keys as required and allows no others, so a test that validates a real
 * summary against it catches drift in either direction.
 */
import { GROUP_KEYS, SET_KEYS, STAFF_KEYS } from "./dynamics.js";
import { SUMMARY_SCHEMA_ID } from "./summary.js";

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonSchema = { [k: string]: Json };

const int = { type: "integer", minimum: 0 };
const pct = { type: ["number", "null"], minimum: 0, maximum: 100 };
const maybeNumber = { type: ["number", "null"] };
const str = { type: "string" };
const isoDate = { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" };
const month = { type: "string", pattern: "^\\d{4}-(0[1-9]|1[0-2])$" };

function object(properties: { [k: string]: Json }, description?: string): JsonSchema {
  return {
    type: "object",
    ...(description ? { description } : {}),
    properties,
    required: Object.keys(properties),
    additionalProperties: false,
  };
}

function dynamics(keys: readonly string[]): JsonSchema {
  return object(Object.fromEntries(keys.map((k) => [k, { $ref: "#/$defs/change" }])));
}

const setProperties: { [k: string]: Json } = {
  students: int,
  N: int,
  n5: int,
  n4: int,
  n3: int,
  n2: int,
  n1: int,
  nNa: int,
  categories: object(
    {
      excellent: int,
      good: int,
      satisfactory: int,
      oneThree: int,
      failing: int,
      notAssessed: int,
    },
    "students by category: отличники, хорошисты, троечники (oneThree: with exactly one 3, also among satisfactory), неуспевающие, не аттестованы",
  ),
  lessons: int,
  absences: int,
  unexcused: int,
  excused: int,
  ill: int,
  late: int,
  missedAssignments: int,
  arrived: int,
  left: int,
  atRisk: int,
  success: pct,
  quality: pct,
  sou: pct,
  average: { type: ["number", "null"], minimum: 1, maximum: 5 },
  attendance: pct,
};

const pairSchema = object({
  studentId: str,
  name: { type: "string", description: '"" when names are withheld' },
  className: str,
  groupId: str,
  lessons: { type: "integer", minimum: 1 },
  absences: int,
  unexcused: int,
  excused: int,
  ill: int,
  late: int,
  exempt: int,
  missedAssignments: int,
  missedShare: { type: "number", minimum: 0, maximum: 1 },
  marks: { type: "array", items: { type: "integer", minimum: 1, maximum: 5 } },
  average: { type: ["number", "null"], minimum: 1, maximum: 5 },
  monthMark: { oneOf: [{ type: "integer", minimum: 1, maximum: 5 }, { type: "null" }] },
  notAssessed: {
    type: "boolean",
    description: "true: «н/а» (fewer marks than «Минимум отметок»); monthMark is null",
  },
  passes: int,
  fails: int,
  atRisk: { type: "boolean" },
  riskReasons: { type: "array", items: { enum: ["absences", "low-mark", "no-mark"] } },
});

export const SUMMARY_JSON_SCHEMA: JsonSchema = {
  $schema: "https://json-schema.org/draft/2020-12/schema",
  $id: "urn:coordinator:summary:v2",
  title: "Monthly distance-learning summary",
  description:
    "Figures of one month as defined in WORKBOOK-FORMAT «Monthly figures». Percentages are 0..100, " +
    "fractions rounded to 4 decimals; null where a figure has no data (N = 0).",
  ...object({
    schema: { const: SUMMARY_SCHEMA_ID },
    month,
    previousMonth: { oneOf: [month, { type: "null" }] },
    school: str,
    schoolCode: str,
    schoolYear: str,
    generatedAt: {
      type: "string",
      pattern: "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}[+-]\\d{2}:\\d{2}$",
      description: "ISO 8601 date-time with the zone's offset",
    },
    settings: object({
      absenceThreshold: { type: "number" },
      roundingThreshold: { type: "number" },
      minimumMarks: { type: "number" },
      naWeight: { type: "number" },
      daysWithoutContact: { type: "number" },
    }),
    totals: { $ref: "#/$defs/totals" },
    groups: { type: "array", items: { $ref: "#/$defs/group" } },
    classes: { type: "array", items: { $ref: "#/$defs/class" } },
    staff: { type: "array", items: { $ref: "#/$defs/staff" } },
    pairs: { type: "array", items: { $ref: "#/$defs/pair" } },
    atRisk: { type: "array", items: { $ref: "#/$defs/pair" } },
  }),
  $defs: {
    change: object(
      { previous: maybeNumber, change: maybeNumber },
      "the previous month's value and the change",
    ),
    totals: object({ ...setProperties, dynamics: dynamics(SET_KEYS) }),
    group: object({
      groupId: str,
      title: str,
      subject: str,
      teacherId: str,
      tutorId: str,
      ...setProperties,
      hasJournal: { type: "boolean" },
      columns: int,
      filledColumns: int,
      journalFill: pct,
      planned: int,
      dynamics: dynamics(GROUP_KEYS),
    }),
    class: object({ className: str, ...setProperties, dynamics: dynamics(SET_KEYS) }),
    staff: object({
      staffId: str,
      name: str,
      role: { enum: ["teacher", "tutor", "coordinator", "support", null] },
      groups: { type: "array", items: str },
      planned: int,
      held: int,
      contacts: int,
      lastContact: { oneOf: [isoDate, { type: "null" }] },
      daysSinceContact: { type: ["integer", "null"] },
      noContact: { type: "boolean" },
      groupsWithoutContact: { type: "array", items: str },
      groupContacts: {
        type: "array",
        items: object({
          groupId: str,
          as: { enum: ["teacher", "tutor"] },
          lastContact: { oneOf: [isoDate, { type: "null" }] },
          days: { type: ["integer", "null"] },
          stale: { type: "boolean" },
        }),
      },
      dynamics: dynamics(STAFF_KEYS),
    }),
    pair: pairSchema,
  },
};
