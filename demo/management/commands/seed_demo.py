from django.core.management.base import BaseCommand

from demo.banks import build_demo_tests
from demo.events import build_demo_reports
from demo.library import build_demo_library
from demo.motivation import build_demo_motivation
from demo.seed import seed_demo


class Command(BaseCommand):
    help = "Create or update the demo union, demo users and site texts. Safe to run again."

    def handle(self, *args, **options):
        rows = seed_demo()
        tests = build_demo_tests()
        self.stdout.write(f"Demo tests: {tests}.")
        materials, webinars = build_demo_library()
        self.stdout.write(f"Demo library: {materials} materials, {webinars} webinars.")
        events, attendances = build_demo_reports()
        self.stdout.write(f"Demo reports: {events} in-person events, {attendances} attendances.")
        rules, awarded, answers, items, budgets = build_demo_motivation()
        self.stdout.write(f"Demo motivation: {rules} badge rules ({awarded} new awards), "
                          f"{answers} survey answers, {items} plan items, {budgets} budgets.")
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Demo users:"))
        width = max(len(role) for role, _email, _password in rows)
        for role, email, password in rows:
            self.stdout.write(f"  {role:<{width}}  {email:<30}  {password}")
