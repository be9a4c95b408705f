/**
 * ISO 8601 with the zone's offset («2026-12-02T07:35:00+03:00»): what the JSON summary says
 * about when it was made. The instant comes from the caller's Clock; the core never reads time.
 */
const two = (n: number) => String(n).padStart(2, "0");

export function isoWithOffset(instant: Date, timeZone: string): string {
  const f = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
    hourCycle: "h23",
  });
  const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, Number(x.value)]));
  // The offset is the wall-clock time read as UTC minus the instant, to the whole minute.
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const off = Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
  const a = Math.abs(off);
  const zone = `${off < 0 ? "-" : "+"}${two(Math.floor(a / 60))}:${two(a % 60)}`;
  return `${p.year}-${two(p.month)}-${two(p.day)}T${two(p.hour)}:${two(p.minute)}:${two(p.second)}${zone}`;
}
