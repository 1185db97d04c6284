"""`manage.py generate_union` on PostgreSQL: a small union whose every figure is checked
against the rules the real code keeps (one certificate per completion, schools holding
their member counts, the coverage report adding up)."""

import re

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import F

from certificates.models import CODE_ALPHABET, CODE_LENGTH, Certificate
from lms.models import Enrolment, Organisation
from quizzes.models import Attempt
from reports.services.coverage import coverage_report
from tests.lms.factories import administrator

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

MEMBERS = 4_000


def _scalar(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone()[0]


@pytest.fixture
def generated(capsys):
    call_command("generate_union", "--members", str(MEMBERS), "--no-progress")
    return capsys.readouterr().out


def test_the_union_has_its_shape_and_numbers(generated):
    assert f"{MEMBERS:,}" in generated
    assert Organisation.objects.filter(depth=2).count() == 20
    assert Organisation.objects.filter(depth=3).count() == 200
    assert Organisation.objects.filter(depth=4).count() == 200  # MEMBERS // 20
    assert Enrolment.objects.count() == MEMBERS * 5 // 3
    # Each primary organisation holds exactly its member count; each level sums the next.
    assert _scalar(
        "SELECT COUNT(*) FROM lms_organisation o LEFT JOIN (SELECT organisation_id, COUNT(*) n "
        "FROM lms_learnerprofile GROUP BY 1) p ON p.organisation_id = o.id "
        "WHERE o.depth = 4 AND o.member_count <> COALESCE(p.n, 0)"
    ) == 0
    assert Organisation.get_first_root_node().member_count == MEMBERS
    assert _scalar("SELECT COUNT(DISTINCT category) FROM lms_learnerprofile") >= 8
    years = _scalar("SELECT COUNT(DISTINCT date_part('year', enrolled_at)) FROM lms_enrolment")
    assert years == 5


def test_every_completion_has_one_valid_certificate_and_a_passed_post_test(generated):
    completed = Enrolment.objects.completed()
    assert completed.count() > MEMBERS // 3
    assert Certificate.objects.filter(kind="course").count() == completed.count()
    assert not completed.exclude(certificates__revoked_at__isnull=True).exists()
    assert _scalar(
        "SELECT COUNT(*) FROM lms_enrolment e JOIN quizzes_quiz q ON q.course_id = e.course_id "
        "AND q.role = 'post' WHERE e.completed_at IS NOT NULL "
        "AND NOT EXISTS (SELECT 1 FROM quizzes_attempt a "
        "WHERE a.quiz_id = q.id AND a.user_id = e.user_id AND a.passed)"
    ) == 0
    assert Attempt.objects.count() > Enrolment.objects.count()
    limited = Attempt.objects.filter(quiz__attempt_limit__isnull=False)
    over_the_limit = limited.filter(number__gt=F("quiz__attempt_limit"))
    assert not over_the_limit.exists()
    pattern = re.compile(f"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")
    for certificate in Certificate.objects.order_by("?")[:50]:
        assert pattern.match(certificate.code)
        assert re.match(r"^\d{4}-\d{7}$", certificate.serial)
        assert certificate.holder_name.strip()
    assert Certificate.objects.filter(kind="webinar").exists()


def test_the_coverage_report_adds_up_over_the_generated_union(generated):
    root = Organisation.get_first_root_node()
    this_year = Enrolment.objects.latest("enrolled_at").enrolled_at.year
    report = coverage_report(administrator(root), root, this_year)

    assert report.total.trained > 0
    assert report.total.trained == sum(row.trained for row in report.by_organisation)
    assert report.total.members == MEMBERS
    assert len(report.by_year) == 5 and all(row.trained > 0 for row in report.by_year)


def test_a_second_run_is_refused_and_changes_nothing(generated):
    before = Enrolment.objects.count()
    with pytest.raises(CommandError, match="already holds organisations"):
        call_command("generate_union", "--members", "10", "--no-progress")
    assert Enrolment.objects.count() == before


def test_serials_past_seven_digits_keep_the_whole_id(capsys):
    """Serials are the year and the certificate's id, at least seven digits, as the issuing
    task writes them: ids past 9,999,999 must not be cut (that repeated serials)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT setval(pg_get_serial_sequence('certificates_certificate', 'id'), 9999990)")
    call_command("generate_union", "--members", str(MEMBERS), "--no-progress")

    for certificate in Certificate.objects.filter(pk__gte=10_000_000)[:50]:
        assert certificate.serial.split("-")[1] == str(certificate.pk)
    assert Certificate.objects.filter(pk__gte=10_000_000).exists()
