"""How long an export of many rows takes, and how much memory it holds while written.

    .venv/bin/python bench/report_export.py [--rows 600000] [--format csv|xlsx|both]

Writes one report table of ``--rows`` generated rows (a name, a count, a share, an amount)
through ``reports.spreadsheets`` as the download would (CSV chunks, XLSX in write-only
mode to a temporary file) and prints the time, the file's size and the peak of memory
Python allocated meanwhile (tracemalloc, which itself slows the run down about threefold).
"""

import argparse
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=600_000)
    parser.add_argument("--format", choices=["csv", "xlsx", "both"], default="both")
    args = parser.parse_args()

    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")
    django.setup()
    from reports.services.tables import Column, ReportTable, percent
    from reports.spreadsheets import csv_chunks, write_xlsx

    def table():
        return ReportTable(
            key="bench", title="Обучено в 2026: весь союз",
            columns=[Column("Организация"), Column("Обучено", "int"), Column("% членов", "percent"),
                     Column("Бюджет, тенге", "amount")],
            rows=([f"Школа № {n}", n % 1000, percent(n % 97, 97), 1_000_000.5 + n] for n in range(args.rows)),
        )

    def csv_file():
        return sum(len(chunk.encode()) for chunk in csv_chunks([table()], "ru"))

    def xlsx_file():
        with tempfile.TemporaryFile() as file:
            write_xlsx([table()], file)
            return file.tell()

    formats = {"csv": csv_file, "xlsx": xlsx_file}
    for name in formats if args.format == "both" else [args.format]:
        tracemalloc.start()
        started = time.perf_counter()
        size = formats[name]()
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"{name}: {args.rows:,} rows in {elapsed:.1f} s (under tracemalloc), "
              f"{size / 2**20:.1f} MiB, peak {peak / 2**20:.1f} MiB allocated")


if __name__ == "__main__":
    main()
