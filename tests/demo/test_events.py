from io import StringIO

from django.core.management import call_command

from lms.models import Organisation
from lms.periods import this_year
from reports.models import EventAttendance, FeedbackAnswer, TrainingEvent
from reports.services.coverage import coverage_report
from tests.lms.factories import UserFactory


def counts():
    return TrainingEvent.objects.count(), EventAttendance.objects.count(), FeedbackAnswer.objects.count()


def test_the_demo_has_events_with_participants_and_answers_once(db):
    call_command("seed_demo", stdout=StringIO())
    first = counts()
    call_command("seed_demo", stdout=StringIO())

    assert counts() == first
    assert first[0] == 5 and first[1] >= 15 and first[2] >= 10
    report = coverage_report(UserFactory(is_superuser=True), Organisation.get_first_root_node(), this_year())
    assert report.total.trained > 0
