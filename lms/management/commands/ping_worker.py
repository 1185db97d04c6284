from django.core.management.base import BaseCommand, CommandError

from lms.tasks import worker_identity


class Command(BaseCommand):
    help = "Send a task and print which process ran it (a worker, or this one if eager)."

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=10.0)

    def handle(self, *args, timeout, **options):
        try:
            identity = worker_identity.delay().get(timeout=timeout)
        except Exception as error:  # the broker or worker is not there: say so plainly
            raise CommandError(f"No worker answered within {timeout} s: {error}") from error
        self.stdout.write(f"worker {identity['hostname']} pid {identity['pid']}")
