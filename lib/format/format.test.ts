import { formatAge, formatDate, formatDateTime, formatRelative } from "./time";
import { monthLabel } from "@/lib/domain/insights/months";
import { formatBytes, formatCount, formatStorage } from "./units";

describe("times as people read them", () => {
  it("gives the exact time in UTC, whatever the machine's zone", () => {
    expect(formatDateTime("2026-11-23T14:05:09.000Z")).toBe("23 Nov 2026, 14:05 UTC");
    expect(formatDateTime("2026-01-02T00:00:00.000Z")).toBe("2 Jan 2026, 00:00 UTC");
  });

  it("gives a calendar date from the date part alone", () => {
    expect(formatDate("2026-03-09")).toBe("9 Mar 2026");
    expect(formatDate("2026-12-31T23:59:59.000Z")).toBe("31 Dec 2026");
    expect(formatDate("2026-09-05")).toBe("5 Sep 2026");
    expect(monthLabel("2026-09")).toBe("Sep 2026");
    expect(monthLabel("2027-01")).toBe("Jan 2027");
  });

  it("gives a compact age", () => {
    const now = Date.parse("2026-11-23T12:00:00Z");
    expect(formatRelative("2026-11-23T11:59:50Z", now)).toBe("just now");
    expect(formatRelative("2026-11-23T11:48:00Z", now)).toBe("12 min ago");
    expect(formatAge("2026-11-18T12:00:00Z", now)).toBe("5 d");
  });
});

describe("capacity figures", () => {
  it("picks the unit and the precision", () => {
    expect(formatStorage(0.5)).toBe("500 MB");
    expect(formatStorage(0.0025)).toBe("2.5 MB");
    expect(formatStorage(1500)).toBe("1.5 TB");
    expect(formatStorage(2_345_678)).toBe("2.3 PB");
    expect(formatCount(20000.4)).toBe("20,000");
    expect(formatCount(Number.NaN)).toBe("—");
    expect(formatBytes(1234)).toBe("1.2 KB");
    expect(formatBytes(999)).toBe("999 B");
  });
});
