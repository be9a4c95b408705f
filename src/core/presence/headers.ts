/**
 * Which export a file is, from its header row, in Russian or English as each service prints
 * it. Meet and Zoom put a few lines about the meeting above the participants' header
 * (meeting code / ID, topic, date), so the header is searched for in the first lines.
 * Header names: Google Meet attendance report (First name, Last name, Email, Duration, Time
 * joined, Time exited); Zoom Usage → Participants export (Name (Original Name), User Email,
 * Join Time, Leave Time, Duration (Minutes), Guest); Moodle standard log (Time, User full
 * name, Affected user, Event context, Component, Event name, Description, Origin, IP address).
 */
import type { CellValue } from "../cells.js";
import { norm } from "../schema.js";
import type { ExportKind } from "./types.js";

type Vocab = Record<string, readonly string[]>;

export const HEADERS: Record<ExportKind, { required: readonly string[]; columns: Vocab }> = {
  zoom: {
    required: ["email", "join", "leave", "durationMin"],
    columns: {
      name: ["name (original name)", "name", "имя (настоящее имя)", "имя (исходное имя)", "имя"],
      email: ["user email", "email", "эл. почта пользователя", "электронная почта пользователя", "эл. почта"],
      join: ["join time", "время входа", "время присоединения"],
      leave: ["leave time", "время выхода"],
      durationMin: [
        "duration (minutes)",
        "duration (mins)",
        "продолжительность (минуты)",
        "длительность (минуты)",
      ],
    },
  },
  meet: {
    required: ["email", "joined", "exited"],
    columns: {
      firstName: ["first name", "имя"],
      lastName: ["last name", "фамилия"],
      name: ["participant", "name", "full name", "участник", "полное имя"],
      email: ["email", "participant email", "адрес электронной почты", "электронная почта"],
      duration: ["duration", "attended duration", "продолжительность", "длительность"],
      joined: [
        "time joined",
        "first seen",
        "joined",
        "время подключения",
        "время присоединения",
        "первое подключение",
      ],
      exited: [
        "time exited",
        "last seen",
        "exited",
        "время отключения",
        "время выхода",
        "последнее отключение",
      ],
    },
  },
  moodle: {
    required: ["time", "user", "context"],
    columns: {
      time: ["time", "время"],
      user: ["user full name", "полное имя пользователя"],
      affected: ["affected user", "затронутый пользователь"],
      context: ["event context", "контекст события"],
      component: ["component", "компонент"],
      event: ["event name", "название события"],
      ip: ["ip address", "ip-адрес"],
    },
  },
  plain: {
    required: ["login", "start", "end"],
    columns: {
      login: ["login", "lms login", "логин", "логин сдо", "email", "user"],
      name: ["name", "фио", "имя"],
      start: ["start", "начало", "вход", "join"],
      end: ["end", "окончание", "конец", "выход", "leave"],
      room: ["room", "course", "group", "комната", "курс", "группа"],
    },
  },
};

/** Kinds in the order they are tried: the most specific header sets first. */
const ORDER: readonly ExportKind[] = ["zoom", "moodle", "meet", "plain"];

export interface Detected {
  kind: ExportKind;
  /** 0-based index of the header row. */
  headerRow: number;
  /** column key -> 0-based column */
  columns: Record<string, number>;
}

function columnsOf(row: readonly CellValue[], vocab: Vocab): Record<string, number> {
  const out: Record<string, number> = {};
  row.forEach((cell, i) => {
    const n = norm(cell);
    for (const [key, names] of Object.entries(vocab)) {
      if (out[key] === undefined && names.includes(n)) {
        out[key] = i;
        break;
      }
    }
  });
  return out;
}

/** The first row (of the first 30) that is a known header row, or null. */
export function detectExport(rows: readonly (readonly CellValue[])[]): Detected | null {
  const limit = Math.min(rows.length, 30);
  for (let r = 0; r < limit; r++) {
    for (const kind of ORDER) {
      const columns = columnsOf(rows[r] ?? [], HEADERS[kind].columns);
      if (HEADERS[kind].required.every((k) => columns[k] !== undefined))
        return { kind, headerRow: r, columns };
    }
  }
  return null;
}
