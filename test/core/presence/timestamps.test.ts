import { describe, expect, it } from "vitest";
import {
  localParts,
  parseMinutes,
  parseStamp,
  parseTimeOn,
  wallToInstant,
} from "../../../src/core/presence/timestamps.js";

const utc = (s: string) => Date.parse(s);

describe("export timestamps become instants", () => {
  it("reads a zone-less time in the export's zone", () => {
    expect(parseStamp("30.11.2026 10:02:13", "Europe/Moscow")).toBe(utc("2026-11-30T07:02:13Z"));
    expect(parseStamp("2026-11-30 10:02", "Asia/Yekaterinburg")).toBe(utc("2026-11-30T05:02:00Z"));
  });

  it("keeps the zone the export prints (GMT+3, +03:00, Z)", () => {
    expect(parseStamp("2026-12-02 10:00:10 GMT+3", "UTC")).toBe(utc("2026-12-02T07:00:10Z"));
    expect(parseStamp("2026-12-04T14:00:00+03:00", "Asia/Tokyo")).toBe(utc("2026-12-04T11:00:00Z"));
    expect(parseStamp("2026-12-04T14:00:00Z", "Europe/Moscow")).toBe(utc("2026-12-04T14:00:00Z"));
  });

  it("reads Zoom's English month-first AM/PM and Moodle's day-first short forms", () => {
    expect(parseStamp("12/01/2026 12:00:05 PM", "Europe/Moscow", "mdy")).toBe(utc("2026-12-01T09:00:05Z"));
    expect(parseStamp("12/01/2026 12:30:00 AM", "Europe/Moscow", "mdy")).toBe(utc("2026-11-30T21:30:00Z"));
    expect(parseStamp("04/12/26, 14:05", "Europe/Moscow", "dmy")).toBe(utc("2026-12-04T11:05:00Z"));
    expect(parseStamp("04.12.26, 14:31", "Europe/Moscow")).toBe(utc("2026-12-04T11:31:00Z"));
  });

  it("handles a DST zone on either side of the switch", () => {
    expect(wallToInstant(Date.UTC(2026, 6, 1, 10, 0), "Europe/Berlin")).toBe(utc("2026-07-01T08:00:00Z"));
    expect(wallToInstant(Date.UTC(2026, 11, 1, 10, 0), "Europe/Berlin")).toBe(utc("2026-12-01T09:00:00Z"));
    expect(localParts(utc("2026-07-01T08:00:00Z"), "Europe/Berlin")).toEqual({
      date: "2026-07-01",
      time: "10:00",
    });
  });

  it("puts Meet's clock-only times on the report's date", () => {
    expect(parseTimeOn("10:12", "2026-11-30", "Europe/Moscow")).toBe(utc("2026-11-30T07:12:00Z"));
    expect(parseTimeOn("9:58 AM", "2026-11-30", "Europe/Moscow")).toBe(utc("2026-11-30T06:58:00Z"));
  });

  it("rejects what is not a timestamp", () => {
    expect(parseStamp("вчера", "Europe/Moscow")).toBeNull();
    expect(parseStamp("31.13.2026 10:00", "Europe/Moscow")).toBeNull();
    expect(parseStamp(42, "Europe/Moscow")).toBeNull();
  });

  it("reads durations in the services' words", () => {
    expect(parseMinutes("45")).toBe(45);
    expect(parseMinutes("1 hr 5 min")).toBe(65);
    expect(parseMinutes("1 ч 5 мин")).toBe(65);
    expect(parseMinutes("33 мин")).toBe(33);
    expect(parseMinutes("1:05:30")).toBe(65.5);
    expect(parseMinutes("долго")).toBeNull();
  });
});

describe("localParts", () => {
  it("agrees with Intl on every quarter hour around a DST switch and across years", () => {
    const intl = (ms: number, zone: string) => {
      const p = Object.fromEntries(
        new Intl.DateTimeFormat("en-US", {
          timeZone: zone,
          hourCycle: "h23",
          year: "numeric",
          month: "2-digit",
          day: "2-digit",
          hour: "2-digit",
          minute: "2-digit",
        })
          .formatToParts(ms)
          .map((x) => [x.type, x.value]),
      );
      return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
    };
    const starts = [
      Date.parse("2026-03-28T22:00:00Z"),
      Date.parse("2026-10-24T22:00:00Z"),
      Date.parse("2028-02-28T20:00:00Z"),
    ];
    for (const zone of ["Europe/Berlin", "Europe/Moscow", "America/New_York", "Asia/Kolkata"])
      for (const start of starts)
        for (let k = 0; k < 200; k++) {
          const ms = start + k * 7 * 60_000;
          expect(localParts(ms, zone), `${zone} ${ms}`).toEqual(intl(ms, zone));
        }
  });
});
