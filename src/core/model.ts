/**
 * The parsed workbook: every record of every known sheet plus the journals, with the tab
 * names actually found (a coordinator may have English tabs in a Russian workbook) and every
 * issue met while parsing. Produced by parseModel (src/core/parse), consumed by schedule,
 * metrics, narrative and the application functions.
 */
import type { Issue } from "./issues.js";
import type { ParsedJournal } from "./journal/types.js";
import type {
  Contact,
  Enrollment,
  Feedback,
  Group,
  HhMm,
  Holiday,
  IsoDate,
  LessonMode,
  ScheduleChange,
  Settings,
  Slot,
  Staff,
  Student,
} from "./records.js";
import type { SheetKey } from "./schema.js";

export interface Model {
  settings: Settings;
  students: Student[];
  staff: Staff[];
  groups: Group[];
  enrollments: Enrollment[];
  slots: Slot[];
  changes: ScheduleChange[];
  holidays: Holiday[];
  contacts: Contact[];
  feedback: Feedback[];
  /** One per journal tab («Журнал G01» / «Journal G01»), in tab order. */
  journals: ParsedJournal[];
  /** The tab name each known sheet has in this workbook (absent when missing). */
  tabs: Partial<Record<SheetKey, string>>;
  /** Header row of each known sheet as found: column key -> 1-based column. */
  columns: Partial<Record<SheetKey, Record<string, number>>>;
  issues: Issue[];
}

/** A dated lesson of a group, expanded from the weekly schedule and its changes. */
export interface Lesson {
  groupId: string;
  date: IsoDate;
  /** 1 for the first lesson of the group on the date, 2 for the second, ... (by start time). */
  index: number;
  start: HhMm;
  end: HhMm;
  mode: "online" | "offline" | null;
  kind: "regular" | "moved" | "extra" | "consultation";
  /** Where it comes from: the sheet and 1-based row (schedule slot or change). */
  source: { sheet: "schedule" | "changes"; row: number };
}

export type { LessonMode };

/** An empty model with default settings (tests and a fresh workbook start here). */
export function emptyModel(settings: Settings): Model {
  return {
    settings,
    students: [],
    staff: [],
    groups: [],
    enrollments: [],
    slots: [],
    changes: [],
    holidays: [],
    contacts: [],
    feedback: [],
    journals: [],
    tabs: {},
    columns: {},
    issues: [],
  };
}
