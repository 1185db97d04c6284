import pytest
import time_machine
from django.contrib.auth.models import Group
from django.urls import reverse

from certificates import services
from certificates.models import Certificate, CertificateTemplate, Rerender
from lms.roles import Role
from tests.lms.factories import UserFactory, administrator, course, member

from .conftest import complete

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(completed):
    return Certificate.objects.get(enrolment=completed)


def test_the_public_page_shows_holder_course_date_and_status_only(client, certificate, learner):
    response = client.get(reverse("certificates:verify", args=[certificate.code]))
    assert response.status_code == 200
    page = response.content.decode()
    assert certificate.holder_name in page
    assert certificate.title in page
    assert certificate.completed_on.strftime("%Y") in page
    assert "valid" in page or "действителен" in page
    assert learner.email not in page
    assert certificate.get_download_url() not in page
    assert 'name="robots" content="noindex"' in page


def test_codes_are_found_however_they_are_typed(client, certificate):
    typed = " " + "-".join([certificate.code[:5].lower(), certificate.code[5:]]) + " "
    response = client.get(reverse("certificates:verify_form"), {"code": typed})
    assert response.status_code == 302
    assert response.url == reverse("certificates:verify", args=[certificate.code])


def test_a_revoked_certificate_says_so_with_the_date(client, certificate, union):
    services.revoke(certificate, reason="Typo in the name", by=member(union.region_a))
    certificate.refresh_from_db()
    page = client.get(reverse("certificates:verify", args=[certificate.code])).content.decode()
    assert "revoked" in page.lower() or "отозван" in page.lower()
    assert certificate.revoked_at.strftime("%Y") in page
    assert "Typo in the name" not in page  # the reason is for the holder, not the public


@pytest.mark.parametrize("code", ["ABCDEFGHJKMNPQRSTUVW", "not-a-code", "0000", "<script>"])
def test_unknown_codes_get_a_clean_404(client, code, certificate):
    response = client.get(f"/certificates/verify/{code}/")
    assert response.status_code == 404


def test_a_malformed_typed_code_is_explained(client):
    response = client.get(reverse("certificates:verify_form"), {"code": "O0O0"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()


def test_the_verification_page_is_rate_limited(client, certificate, settings):
    settings.CERTIFICATE_VERIFY_RATE = "5/m"
    url = reverse("certificates:verify", args=[certificate.code])
    with time_machine.travel("2026-11-23 10:00:10+00:00", tick=False):  # all within one window
        statuses = [client.get(url).status_code for _ in range(7)]
        assert statuses[:5] == [200] * 5
        assert statuses[5:] == [429, 429]
        assert client.get(reverse("certificates:verify_form")).status_code == 429
        assert client.get(url, REMOTE_ADDR="10.1.2.3").status_code == 200


def test_the_holder_downloads_the_pdf(client, certificate, learner):
    client.force_login(learner)
    response = client.get(certificate.get_download_url())
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_certificate_loaded_without_its_pdf_is_drawn_on_first_download(client, certificate, learner):
    Certificate.objects.filter(pk=certificate.pk).update(pdf="", rendered_at=None)
    client.force_login(learner)

    response = client.get(certificate.get_download_url())

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    certificate.refresh_from_db()
    assert certificate.pdf and certificate.rendered_at is not None


def test_no_one_else_downloads_it(client, certificate, union):
    url = certificate.get_download_url()
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(member(union.school_a))
    assert client.get(url).status_code == 404
    client.force_login(administrator(union.region_a))
    assert client.get(url).status_code == 404


def test_pdfs_are_not_under_a_public_url(certificate, settings):
    assert not str(certificate.pdf.path).startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        certificate.pdf.url  # noqa: B018 - reading the property is the test


def test_my_learning_links_the_certificate_without_extra_queries(
    client, learner, catalogue, union, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    client.force_login(learner)
    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            complete(learner, course(catalogue, modules=1, lessons=1))
    with django_assert_max_num_queries(10):
        page = client.get(reverse("lms:dashboard")).content.decode()
    for certificate in Certificate.objects.filter(user=learner):
        assert certificate.get_download_url() in page
    with django_assert_max_num_queries(8):
        mine = client.get(reverse("certificates:mine"))
    assert mine.content.decode().count("Download PDF") == 3 or mine.status_code == 200


def test_the_certificates_page_lists_only_ones_own(client, certificate, union):
    stranger = member(union.school_b)
    client.force_login(stranger)
    assert certificate.serial not in client.get(reverse("certificates:mine")).content.decode()


# --- Administration --------------------------------------------------------------------


def _revoke(client, certificate, action="revoke", reason="Issued by mistake"):
    return client.post(reverse("certificates_revoke", args=[certificate.pk]),
                       {"reason": reason, "action": action})


def test_an_administrator_revokes_a_certificate_of_their_subtree(client, certificate, union):
    client.force_login(administrator(union.region_a))
    response = _revoke(client, certificate)
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.revoked_reason == "Issued by mistake"


def test_another_regions_administrator_cannot_find_it(client, certificate, union):
    client.force_login(administrator(union.region_b))
    assert _revoke(client, certificate).status_code == 404
    listing = client.get(reverse("certificates_issued:index"))
    assert listing.status_code == 200
    assert certificate.serial not in listing.content.decode()
    certificate.refresh_from_db()
    assert certificate.is_valid


def test_a_member_cannot_revoke(client, certificate, learner):
    client.force_login(learner)
    assert _revoke(client, certificate).status_code in (302, 403)
    certificate.refresh_from_db()
    assert certificate.is_valid


def test_reissuing_from_the_admin_needs_a_reason(client, certificate, union):
    client.force_login(administrator(union.region_a))
    response = _revoke(client, certificate, action="reissue", reason="")
    assert response.status_code == 200
    assert Certificate.objects.count() == 1
    _revoke(client, certificate, action="reissue", reason="Name corrected")
    assert Certificate.objects.count() == 2
    assert Certificate.objects.valid().get().replaces == certificate


def test_a_methodologist_edits_templates_and_redraws_a_course(
    client, completed, kazakh_course, django_capture_on_commit_callbacks
):
    methodologist = UserFactory()
    methodologist.groups.add(Group.objects.get(name=Role.METHODOLOGIST))
    client.force_login(methodologist)
    default = CertificateTemplate.objects.get(is_default=True)
    assert client.get(reverse("certificate_templates:edit", args=[default.pk])).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("certificate_redraws:add"), {"course": kazakh_course.pk})
    assert response.status_code == 302
    job = Rerender.objects.get()
    assert (job.status, job.processed, job.requested_by) == (Rerender.Status.DONE, 1, methodologist)
    assert "1 / 1" in client.get(reverse("certificate_redraws:index")).content.decode()
    # Revoking is an organisation administrator's job, not a methodologist's.
    certificate = Certificate.objects.get()
    assert _revoke(client, certificate).status_code in (302, 403)
    certificate.refresh_from_db()
    assert certificate.is_valid
