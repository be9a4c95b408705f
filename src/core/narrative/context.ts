/** What the report's text needs beyond the figures: the report settings and names to print. */
import { addDays, monthRange } from "../dates.js";
import type { Lang } from "../i18n.js";
import type { GroupFigures } from "../metrics/index.js";
import type { IsoDate, NamesInReport, Settings } from "../records.js";
import { docDate, shortName } from "../report/labels.js";

/** Problem thresholds (settings «Порог …», «Допустимо н/а», «Дней без контакта»). */
export interface Thresholds {
  success: number;
  quality: number;
  attendance: number;
  journalFill: number;
  notAssessed: number;
  daysWithoutContact: number;
}

export interface ReportSettings {
  school: string;
  schoolCode: string;
  schoolYear: string;
  director: string;
  addressee: string;
  coordinator: string;
  coordinatorPhone: string;
  names: NamesInReport;
  thresholds: Thresholds;
}

export function reportSettings(s: Settings): ReportSettings {
  return {
    school: s.school,
    schoolCode: s.schoolCode,
    schoolYear: s.schoolYear,
    director: s.director,
    addressee: s.reportAddressee,
    coordinator: s.coordinator,
    coordinatorPhone: s.coordinatorPhone,
    names: s.namesInReport,
    thresholds: {
      success: s.successThreshold,
      quality: s.qualityThreshold,
      attendance: s.attendanceThreshold,
      journalFill: s.journalFillThreshold,
      notAssessed: s.notAssessedAllowed,
      daysWithoutContact: s.daysWithoutContact,
    },
  };
}

/** The writer's helpers shared by the sections: language, names, deadlines. */
export interface Writer {
  lang: Lang;
  ru: boolean;
  month: string;
  settings: ReportSettings;
  staffNames: ReadonlyMap<string, string>;
  /** «Иванова И. И.», or the ID when the person is not in Staff. */
  staff(id: string): string;
  /** «G01 «Алгебра 9»». */
  group(g: Pick<GroupFigures, "groupId" | "title">): string;
  /** The coordinator by name, or the word. */
  coordinator(): string;
  /** A deadline `days` after the document's date, as a document writes it. */
  by(days: number): string;
}

/**
 * Deadlines count from the document's date, not from the month: a report made late still
 * asks for work in the days ahead. Never before the month after the report's month starts.
 */
export function writer(
  lang: Lang,
  month: string,
  settings: ReportSettings,
  staffNames: ReadonlyMap<string, string>,
  today: IsoDate,
): Writer {
  const ru = lang === "ru";
  const next: IsoDate = addDays(monthRange(month).to, 1);
  const start = today > next ? today : next;
  return {
    lang,
    ru,
    month,
    settings,
    staffNames,
    staff: (id) => {
      const name = staffNames.get(id);
      return name ? shortName(name) : id;
    },
    group: (g) => (g.title ? (ru ? `${g.groupId} «${g.title}»` : `${g.groupId} “${g.title}”`) : g.groupId),
    coordinator: () =>
      settings.coordinator
        ? `${ru ? "координатор" : "coordinator"} ${shortName(settings.coordinator)}`
        : ru
          ? "координатор"
          : "the coordinator",
    by: (days) => docDate(addDays(start, days), lang),
  };
}
