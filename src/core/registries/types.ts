/** Issue 18: the coordinator's registries, as read from their sheets (every row kept, with its sheet row). */
import type { IsoDate } from "../records.js";

export interface EventRecord {
  row: number;
  date: IsoDate | null;
  kind: string | null;
  title: string;
  level: string;
  organiser: string;
  link: string;
  /** Student and staff IDs. */
  participants: string[];
  /** ID -> result («победитель», «участник», «сертификат»). */
  results: Record<string, string>;
}

export interface CourseRecord {
  row: number;
  title: string;
  kind: string | null;
  provider: string;
  link: string;
  hours: number | null;
  grades: string;
  students: string[];
  status: string | null;
}

export interface WorkstationRecord {
  row: number;
  personId: string;
  computer: boolean | null;
  internet: boolean | null;
  headset: boolean | null;
  place: string | null;
  room: string;
  problem: string;
  reported: IsoDate | null;
  resolved: IsoDate | null;
}

export interface SupportRecord {
  row: number;
  date: IsoDate | null;
  reporterId: string;
  groupId: string;
  studentId: string;
  present: boolean | null;
  note: string;
}

export interface Registries {
  events: EventRecord[];
  courses: CourseRecord[];
  workstations: WorkstationRecord[];
  support: SupportRecord[];
  /** Tab names found (absent when the workbook has no such sheet). */
  tabs: { events?: string; courses?: string; workstations?: string; support?: string };
  /** Header row of each registry: column key -> 1-based column. */
  columns: {
    events: Record<string, number>;
    courses: Record<string, number>;
    workstations: Record<string, number>;
    support: Record<string, number>;
  };
}
