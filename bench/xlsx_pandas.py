#!/usr/bin/python3
"""The openpyxl + pandas side of bench/xlsx.bench.ts: read the workbook and compute the school's
figures for a month the way a Python-minded coordinator would (WORKBOOK-FORMAT: month marks per
student and group, the school's success % over those marks, and the attendance %).

  /usr/bin/python3 bench/xlsx_pandas.py FILE.xlsx YYYY-MM    prints one JSON line
"""
import json
import math
import re
import resource
import sys
import time

import pandas as pd

ABSENT = {"н", "a", "у", "e", "б", "s"}
EXEMPT = {"осв", "x"}
MARK = re.compile(r"([1-5])[+-]?")


def cell_marks(text):
    text = text.strip().lower()
    for code in ("оп ", "l ", "нз ", "m "):
        if text.startswith(code):
            text = text[len(code):]
    return [int(m) for m in MARK.findall(text) if text not in ABSENT]


def main(path, month):
    t0 = time.perf_counter()
    sheets = pd.read_excel(path, sheet_name=None, header=None, engine="openpyxl", dtype=object)
    t1 = time.perf_counter()
    threshold, minimum = 0.5, 3
    students = {}  # student id -> list of month marks (None = н/а)
    absences = lessons = 0
    for name, df in sheets.items():
        if not name.startswith("Журнал "):
            continue
        header = df.iloc[0]
        cols = []
        for i, h in enumerate(header):
            d = pd.to_datetime(h, dayfirst=True, errors="coerce") if not isinstance(h, (int, float)) else pd.NaT
            if pd.notna(d) and d.strftime("%Y-%m") == month:
                cols.append(i)
        if not cols:
            continue
        first = 2 if str(df.iloc[1, 0]).strip() in ("", "nan") else 1
        for _, row in df.iloc[first:, :].iterrows():
            sid = row.iloc[0]
            if pd.isna(sid):
                continue
            # A blank cell is a lesson attended without a mark; осв is no lesson.
            cells = [str(row.iloc[i]).strip().lower() if pd.notna(row.iloc[i]) else "" for i in cols]
            cells = [c for c in cells if c not in EXEMPT]
            if not cells:
                continue
            lessons += len(cells)
            absences += sum(1 for c in cells if c in ABSENT)
            marks = [m for c in cells for m in cell_marks(c)]
            if len(marks) < minimum:
                students.setdefault(sid, []).append(None)
                continue
            avg = sum(marks) / len(marks)
            mark = math.floor(avg) + (1 if avg - math.floor(avg) >= threshold else 0)
            students.setdefault(sid, []).append(mark)
    # The school's success % is over (student, group) month marks, н/а included in N.
    pairs = [m for ms in students.values() for m in ms]
    counted = len(students)
    ok = sum(1 for m in pairs if m is not None and m >= 3)
    t2 = time.perf_counter()
    print(
        json.dumps(
            {
                "read_ms": round((t1 - t0) * 1000),
                "compute_ms": round((t2 - t1) * 1000),
                "students": counted,
                "success": ok * 100 / len(pairs) if pairs else None,
                "attendance": 100 - absences * 100 / lessons if lessons else None,
                "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
