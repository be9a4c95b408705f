/** What an LMS / video-meeting export turns into before it meets the schedule. */
import type { Issue } from "../issues.js";

export type ExportKind = "meet" | "zoom" | "moodle" | "plain";

/** One stretch of presence of one account: a join..leave pair, or one Moodle event (start = end). */
export interface Session {
  /** The account as the export names it: email or user name, normalised (lower case); "" when none. */
  login: string;
  /** Display name as exported (Moodle has only this). */
  name: string;
  /** Epoch milliseconds. */
  start: number;
  end: number;
  /** Meeting code, meeting ID or course the export names; "" when it names none. */
  room: string;
  kind: ExportKind;
  /** File name and 1-based line, for messages. */
  file: string;
  line: number;
}

export interface ParsedExport {
  file: string;
  kind: ExportKind | null;
  sessions: Session[];
  issues: Issue[];
}

/** Who a login belongs to. */
export interface Person {
  id: string;
  kind: "student" | "staff";
  name: string;
}

export type Verdict = "present" | "late" | "absent" | "unknown-login";

export type PresenceRole = "student" | "teacher" | "tutor" | "unknown";

/** One row of «Присутствие в СДО»: one lesson and one person (or one unknown login). */
export interface PresenceRow {
  date: string;
  groupId: string;
  /** Lesson number on the date (journal «(2)»). */
  index: number;
  /** "HH:MM" scheduled start and end. */
  start: string;
  end: string;
  personId: string;
  role: PresenceRole;
  /** The export's login for an unknown account; "" for known people. */
  login: string;
  /** Minutes present inside the scheduled lesson. */
  minutes: number;
  /** "HH:MM" in the school's zone, "" when absent. */
  firstJoin: string;
  lastLeave: string;
  verdict: Verdict;
  /** Minutes late when verdict is "late". */
  lateBy: number;
  /** Export kinds that contributed, e.g. "zoom" or "meet, moodle". */
  sources: string;
}
