import logging
import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from demo.generator import GeneratorError, generate_union


class ProgressBar:
    """One tqdm bar per phase of the generation."""

    def __init__(self, stream):
        self.stream = stream
        self.bar = None

    def start(self, phase):
        self.bar = tqdm(total=phase.total, desc=f"{phase.label:<38}", file=self.stream, unit_scale=True,
                        dynamic_ncols=True, mininterval=0.5)

    def advance(self, count):
        self.bar.update(count)

    def finish(self, phase):
        self.bar.close()


class Command(BaseCommand):
    help = ("Generate a realistic union (20 member organisations, 200 district committees, about 9,000 "
            "primary organisations, members and five years of training) into an empty PostgreSQL "
            "database, for benchmarks and load tests.")

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, required=True,
                            help="How many members (600000 for the union).")
        parser.add_argument("--enrolments", type=int,
                            help="How many enrolments (default: 5/3 of the members).")
        parser.add_argument("--no-progress", action="store_true", help="Print no progress bar.")

    def handle(self, *args, members, enrolments, no_progress, **options):
        started = time.perf_counter()
        logging.disable(logging.INFO)  # Wagtail logs every page it creates
        try:
            progress = None if no_progress else ProgressBar(self.stderr)
            union = generate_union(members, enrolments, progress=progress)
        except GeneratorError as error:
            raise CommandError(str(error)) from error
        finally:
            logging.disable(logging.NOTSET)
        seconds = time.perf_counter() - started
        self.stdout.write(self.style.SUCCESS(f"Generated in {seconds:.0f} s:"))
        rows = [
            ("members", union.members), ("organisations", union.organisations),
            ("district committees", union.districts), ("primary organisations", union.schools),
            ("enrolments", union.enrolments), ("completed", union.completed),
            ("lessons done", union.lesson_progress), ("test attempts", union.attempts),
            ("certificates", union.certificates), ("webinars", union.webinars),
            ("webinar registrations", union.registrations), ("webinar attendances", union.attended),
            ("in-person events", union.events), ("event attendances", union.event_attendances),
        ]
        for label, value in rows:
            self.stdout.write(f"  {label:<24}{value:>12,}")
        self.stdout.write(f"  years                   {union.years[0]}-{union.years[-1]}")
