from decimal import Decimal

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.utils import timezone

from certificates import services, tasks
from certificates.models import Certificate, CertificateTemplate, Rerender
from lms.models import Enrolment
from quizzes import services as quiz_services
from tests.lms.factories import course, member
from tests.quizzes.factories import bank, quiz, single

from .conftest import complete, learn

pytestmark = pytest.mark.django_db


def test_completing_a_course_issues_one_certificate_with_its_facts(completed, learner, kazakh_course):
    certificate = Certificate.objects.get(enrolment=completed)
    assert certificate.user == learner
    assert certificate.holder_name == "Әлия Құдайбергенова"
    assert certificate.title == kazakh_course.title
    assert certificate.hours == 16
    assert certificate.completed_on == timezone.localdate(completed.completed_at)
    assert certificate.language == "kk"
    assert certificate.serial == f"{certificate.issued_at.year}-{certificate.pk:07d}"
    assert len(certificate.code) == 20 and certificate.code.isalnum()
    assert certificate.template.is_default
    with certificate.pdf.open("rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_the_holder_is_emailed_a_link_once(completed, learner):
    certificate = Certificate.objects.get(enrolment=completed)
    assert [message.to for message in mail.outbox] == [[learner.email]]
    assert certificate.get_download_url() in mail.outbox[0].body
    assert certificate.get_verification_url() in mail.outbox[0].body
    tasks.issue_certificate.delay(completed.pk)
    assert len(mail.outbox) == 1


def test_running_the_task_again_issues_nothing_new(completed):
    first = Certificate.objects.get(enrolment=completed)
    assert tasks.issue_certificate.delay(completed.pk).get() == first.serial
    assert services.issue_for_enrolment(completed.pk) == first
    assert Certificate.objects.filter(enrolment=completed).count() == 1


def test_the_database_refuses_a_second_valid_certificate(completed):
    first = Certificate.objects.get(enrolment=completed)
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(
            user=first.user, enrolment=completed, holder_name="x", title="x", hours=1,
            completed_on=first.completed_on, language="ru",
        )


def test_an_unfinished_enrolment_gets_no_certificate(learner, kazakh_course):
    enrolment = Enrolment.objects.create(user=learner, course=kazakh_course)
    assert services.issue_for_enrolment(enrolment.pk) is None
    assert not Certificate.objects.exists()


def test_the_sweep_issues_what_the_lost_task_did_not(learner, kazakh_course):
    # No on-commit callbacks run here: as if the broker was down when the course was completed.
    enrolment = complete(learner, kazakh_course)
    assert not Certificate.objects.exists()
    assert services.issue_missing() == (1, 0)
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1
    assert services.issue_missing() == (0, 0)


def test_the_sweep_sends_emails_that_were_not_sent(learner, kazakh_course):
    enrolment = complete(learner, kazakh_course)
    services.issue_for_enrolment(enrolment.pk)  # issued, but the worker died before the email
    assert services.issue_missing() == (0, 0)  # too fresh: the task may still be sending it
    later = timezone.now() + services.EMAIL_GRACE * 2
    assert services.issue_missing(now=later) == (0, 1)
    assert len(mail.outbox) == 1
    assert services.issue_missing(now=later) == (0, 0)


def test_the_post_test_score_is_printed(learner, kazakh_course, django_capture_on_commit_callbacks):
    questions = bank()
    for _ in range(4):
        single(questions)
    final = quiz(kazakh_course, [questions], question_count=4, pass_mark=50)
    with django_capture_on_commit_callbacks(execute=True):
        enrolment = learn(learner, kazakh_course)
        assert enrolment.completed_at is None  # the final test is still to pass
        attempt = quiz_services.start_attempt(learner, final)
        quiz_services.save_answers(attempt, {
            item.position: item.question.options.get(fraction__gt=0).pk for item in attempt.items.all()
        })
        quiz_services.submit_attempt(attempt)
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert enrolment.final_score == 100
    assert Certificate.objects.get(enrolment=enrolment).score == 100


def test_issuing_reads_the_score_kept_on_the_enrolment_in_a_few_queries(
    learner, kazakh_course, django_assert_max_num_queries
):
    enrolment = complete(learner, kazakh_course)
    Enrolment.objects.filter(pk=enrolment.pk).update(final_score=Decimal("87.50"))

    with django_assert_max_num_queries(7) as queries:
        certificate = services.issue_for_enrolment(enrolment.pk)

    assert certificate.score == Decimal("87.50")
    enrolment_reads = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")
                       and 'FROM "lms_enrolment"' in q["sql"]]
    assert len(enrolment_reads) == 1
    # One row: none of the results "My learning" lists (scores, certificate, questionnaires).
    assert "SELECT" not in enrolment_reads[0][len("SELECT"):]


def test_the_most_specific_template_wins(union, catalogue):
    default = CertificateTemplate.objects.get(is_default=True)
    page, other_page = course(catalogue), course(catalogue)
    region = CertificateTemplate.objects.create(
        name="Abai", organisation=union.region_a, body_ru="р", body_kk="к", signatory_name_ru="A",
        signatory_title_ru="р", signatory_title_kk="к",
    )
    own = CertificateTemplate.objects.create(
        name="Course", course=page, body_ru="р", body_kk="к", signatory_name_ru="C",
        signatory_title_ru="р", signatory_title_kk="к",
    )
    assert services.template_for(page, union.school_a) == own
    assert services.template_for(other_page, union.school_a) == region
    assert services.template_for(other_page, union.school_b) == default
    assert services.template_for(other_page, None) == default


def test_revoking_needs_a_reason_and_the_sweep_does_not_undo_it(completed, union):
    certificate = Certificate.objects.get(enrolment=completed)
    admin = member(union.region_a)
    with pytest.raises(services.CertificateError):
        services.revoke(certificate, reason="  ", by=admin)
    services.revoke(certificate, reason="Issued by mistake", by=admin)
    certificate.refresh_from_db()
    assert certificate.revoked_at is not None and certificate.revoked_by == admin
    assert services.issue_missing() == (0, 0)
    assert services.issue_for_enrolment(completed.pk) == certificate
    with pytest.raises(services.CertificateError):
        services.revoke(certificate, reason="again", by=admin)


def test_reissuing_revokes_and_issues_a_new_one_with_the_corrected_name(
    completed, learner, union, django_capture_on_commit_callbacks
):
    old = Certificate.objects.get(enrolment=completed)
    learner.last_name = "Құдайбергенова-Сейітова"
    learner.save()
    with django_capture_on_commit_callbacks(execute=True):
        new = services.reissue(old, reason="Surname corrected", by=member(union.region_a))
    old.refresh_from_db()
    assert not old.is_valid and old.revoked_reason == "Surname corrected"
    assert old.replaced_by == new
    assert new.is_valid and new.holder_name == "Әлия Құдайбергенова-Сейітова"
    assert (new.serial, new.code) != (old.serial, old.code)
    assert Certificate.objects.valid().filter(enrolment=completed).count() == 1
    assert len(mail.outbox) == 2


def test_redrawing_a_course_keeps_serials_and_codes(completed, kazakh_course, union, learner,
                                                     django_capture_on_commit_callbacks):
    second = member(union.school_a2)
    with django_capture_on_commit_callbacks(execute=True):
        complete(second, kazakh_course)
    before = {c.pk: (c.serial, c.code, c.rendered_at, c.pdf.name) for c in Certificate.objects.all()}
    CertificateTemplate.objects.create(
        name="New design", course=kazakh_course, body_ru="р", body_kk="жаңа мәтін",
        signatory_name_ru="N", signatory_title_ru="р", signatory_title_kk="к",
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = services.request_redraw(kazakh_course, by=learner)
    job.refresh_from_db()
    assert (job.status, job.total, job.processed) == (Rerender.Status.DONE, 2, 2)
    for certificate in Certificate.objects.all():
        serial, code, rendered_at, _name = before[certificate.pk]
        assert (certificate.serial, certificate.code) == (serial, code)
        assert certificate.rendered_at > rendered_at
        assert certificate.template.name == "New design"
        with certificate.pdf.open("rb") as pdf:
            assert pdf.read(5) == b"%PDF-"
    assert services.run_redraw(job.pk).processed == 2  # running the finished job again is a no-op


@pytest.mark.django_db
def test_the_default_template_signs_kazakh_certificates_in_kazakh():
    template = CertificateTemplate.objects.get(is_default=True)
    _title, body, name, _signatory = template.in_language("kk")
    assert (name, body) == ("Кәсіподақтың оқу орталығы", "бағдарламасы бойынша оқуды сәтті аяқтады")
    assert template.in_language("ru")[2] == "Учебный центр Профсоюза"
