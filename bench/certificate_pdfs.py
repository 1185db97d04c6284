"""How many certificate PDFs one core renders per second.

    taskset -c 0 .venv/bin/python bench/certificate_pdfs.py [--count 300]

Renders the same certificate as the issuing task does (DejaVu fonts, QR code, a Kazakh name
and course title) and reports PDFs per second, the mean size and the peak memory.
"""

import argparse
import datetime
import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings")

import django  # noqa: E402

django.setup()

from certificates.rendering import CertificateText, render_pdf  # noqa: E402


def certificate(number):
    code = f"{number:020d}".replace("0", "A").replace("1", "B")
    return CertificateText(
        language="kk", title="СЕРТИФИКАТ", holder_name=f"Әлия Нұрғалиқызы Құдайбергенова {number}",
        body="бағдарламасы бойынша оқуды сәтті аяқтады",
        course_title="Кәсіподақ негіздері: ұжымдық шарт және еңбек қауіпсіздігі", hours=16,
        completed_on=datetime.date(2026, 11, 20), score=87.5, serial=f"2026-{number:07d}", code=code,
        verification_url=f"https://oqu.example.kz/certificates/verify/{code}/",
        signatory_name="Кәсіподақтың оқу орталығы",
        signatory_title="Қазақстандық білім және ғылым қызметкерлерінің салалық кәсіподағы",
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=300)
    args = parser.parse_args()
    render_pdf(certificate(0))  # fonts registered and parsed once per process, as in a worker
    sizes, timings = [], []
    started = time.perf_counter()
    for number in range(1, args.count + 1):
        begin = time.perf_counter()
        sizes.append(len(render_pdf(certificate(number))))
        timings.append(time.perf_counter() - begin)
    elapsed = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"cpus allowed: {len(os.sched_getaffinity(0))}")
    print(f"{args.count} PDFs in {elapsed:.2f} s: {args.count / elapsed:.1f} PDFs/s")
    print(f"per PDF: median {statistics.median(timings) * 1000:.1f} ms, "
          f"p95 {sorted(timings)[int(len(timings) * 0.95)] * 1000:.1f} ms")
    print(f"mean size {statistics.mean(sizes) / 1024:.1f} KiB, peak RSS {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
