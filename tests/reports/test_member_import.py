import io

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from lms.models import LearnerCategory, LearnerProfile, OrganisationKind, User
from lms.roles import Role
from lms.services import add_organisation
from reports.models import MemberImport
from reports.services import member_import
from tests.lms.factories import administrator, member

HEADER = "name,email,organisation,category,position"


def csv_bytes(*lines, header=HEADER, encoding="utf-8"):
    return "\n".join([header, *lines]).encode(encoding)


def xlsx_bytes(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def admin(union):
    return administrator(union.region_a)


@pytest.fixture
def upload(admin, union, django_capture_on_commit_callbacks):
    """Upload a file as region A's administrator and run the check, as the worker would."""

    def run(content, name="members.csv", user=admin, organisation=union.region_a):
        with django_capture_on_commit_callbacks(execute=True):
            job = member_import.start_import(user, organisation, name, content)
        job.refresh_from_db()
        return job

    return run


@pytest.fixture
def commit(admin, django_capture_on_commit_callbacks):
    def run(job, user=admin):
        with django_capture_on_commit_callbacks(execute=True):
            asked = member_import.request_commit(user, job)
        job.refresh_from_db()
        return asked

    return run


def snapshot():
    return sorted(
        User.objects.values_list("email", "username", "first_name", "last_name", "password",
                                 "profile__organisation", "profile__category", "profile__position")
    )


def test_preview_counts_new_updated_and_unchanged_members_and_writes_nothing(union, upload):
    member(union.school_a, email="same@example.org", first_name="Айгерім", last_name="Сейтқалиқызы")
    member(union.school_a, email="moved@example.org", first_name="Ольга", last_name="Петренко")
    before = snapshot()

    job = upload(csv_bytes(
        f"Сейтқалиқызы Айгерім,Same@Example.org,{union.school_a.pk},member,",
        f"Петренко Ольга Ивановна,moved@example.org,{union.school_a2.pk},activist,учитель",
        f"Жұмабеков Ерлан,new1@example.org,{union.school_a.pk},primary_chair,директор",
        f"Ким Марина,new2@example.org,{union.school_a2.name_ru},,",
    ))

    assert (job.status, job.total, job.new, job.updated, job.unchanged) == ("ready", 4, 2, 1, 1)
    assert job.errors == []
    assert snapshot() == before


def test_every_mistake_is_named_by_row_and_column_and_nothing_can_be_committed(union, upload, commit):
    job = upload(csv_bytes(
        f"Жұмабеков Ерлан,erlan@example.org,{union.school_a.pk},member,",
        f"Ким Марина,not-an-email,{union.school_a.pk},member,",
        "Петренко Ольга,olga@example.org,99999,member,",
        f"Оспанов Нұрлан,nurlan@example.org,{union.school_a.pk},astronaut,",
        f",nameless@example.org,{union.school_a.pk},member,",
        f"Ерлан Жұмабеков,ERLAN@example.org,{union.school_a.pk},member,",
        "Иванова Светлана,sveta@example.org,Школа № 77,member,",
    ))

    assert job.status == "invalid"
    assert [(e["row"], e["column"]) for e in job.errors] == [
        (3, "email"), (4, "organisation"), (5, "category"), (6, "name"), (7, "email"), (8, "organisation"),
    ]
    assert "not-an-email" in job.errors[0]["message"]
    assert "2" in job.errors[4]["message"]  # the row that has the same email first
    assert not commit(job)
    assert not User.objects.filter(email="erlan@example.org").exists()


def test_commit_creates_members_who_can_reset_their_password(union, upload, commit):
    job = upload(csv_bytes(
        f"Жұмабеков Ерлан Сапарұлы,Erlan@Example.org,{union.school_a.pk},Председатель ППО,директор",
    ))
    job = MemberImport.objects.get(pk=job.pk)

    assert commit(job)

    assert (job.status, job.new, job.processed) == ("done", 1, 1)
    user = User.objects.get(email="erlan@example.org")
    assert (user.last_name, user.first_name) == ("Жұмабеков", "Ерлан Сапарұлы")
    assert not user.has_usable_password()
    assert EmailAddress.objects.get(user=user).verified
    assert list(user.groups.values_list("name", flat=True)) == [Role.MEMBER]
    profile = LearnerProfile.objects.get(user=user)
    assert (profile.organisation, profile.category, profile.position) == (
        union.school_a, LearnerCategory.PRIMARY_CHAIR, "директор"
    )


def test_importing_the_same_file_again_changes_nothing(union, upload, commit):
    member(union.school_a, email="known@example.org")
    content = csv_bytes(
        f"Петренко Ольга,known@example.org,{union.school_a2.pk},activist,учитель",
        f"Ким Марина,marina@example.org,{union.school_a.pk},member,",
    )
    first = upload(content)
    assert commit(first)
    assert (first.new, first.updated, first.unchanged) == (1, 1, 0)
    after_first = snapshot()

    second = upload(content)
    assert (second.status, second.new, second.updated, second.unchanged) == ("ready", 0, 0, 2)
    assert commit(second)

    assert snapshot() == after_first
    assert User.objects.filter(email__iexact="marina@example.org").count() == 1


def test_rows_outside_the_administrators_subtree_are_refused(union, upload):
    member(union.school_b, email="b-member@example.org")

    job = upload(csv_bytes(
        f"Иванова Светлана,sveta@example.org,{union.school_b.pk},member,",
        f"Иванова Светлана,sveta2@example.org,{union.school_b.name_ru},member,",
        f"Петренко Ольга,b-member@example.org,{union.school_a.pk},member,",
        f"Ким Марина,marina@example.org,{union.root.pk},member,",
    ))

    assert job.status == "invalid"
    # Row 4's email has an account in region B: that is not for region A to learn.
    assert [(e["row"], e["column"]) for e in job.errors] == [
        (2, "organisation"), (3, "organisation"), (5, "organisation"),
    ]


def test_an_administrator_cannot_import_into_another_region(union):
    with pytest.raises(PermissionDenied):
        member_import.start_import(administrator(union.region_b), union.region_a, "x.csv", csv_bytes())
    with pytest.raises(PermissionDenied):
        member_import.start_import(member(union.school_a), union.school_a, "x.csv", csv_bytes())


def test_an_ambiguous_organisation_name_asks_for_the_number(union, upload):
    twin = add_organisation(union.district_a, kind=OrganisationKind.PRIMARY_ORGANISATION,
                            name_ru=union.school_a.name_ru, name_kk="егіз", member_count=10)

    job = upload(csv_bytes(
        f"Ким Марина,marina@example.org,{union.school_a.name_ru},member,",
        f"Ким Марина,marina2@example.org,{twin.pk},member,",
    ))

    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "organisation")]


def test_a_cp1251_csv_with_semicolons_and_russian_headings(union, upload, commit):
    content = csv_bytes(
        f"Петренко Ольга;olga@example.org;{union.school_a2.name_ru};Член ревизионной комиссии;бухгалтер",
        header="ФИО;Электронная почта;Организация;Категория;Должность", encoding="cp1251",
    )

    job = upload(content)
    assert (job.status, job.new) == ("ready", 1), job.errors
    assert commit(job)

    profile = User.objects.get(email="olga@example.org").profile
    assert (profile.organisation, profile.category, profile.position) == (
        union.school_a2, LearnerCategory.AUDIT_COMMISSION, "бухгалтер"
    )


def test_an_xlsx_file(union, upload, commit):
    content = xlsx_bytes([
        ["name", "email", "organisation", "category"],
        ["Сейтқалиқызы Айгерім", "aigerim@example.org", union.school_a.pk, "activist"],
        ["Ким", "kim@example.org", union.school_a.name_kk, None],
    ])

    job = upload(content, name="members.xlsx")
    assert (job.status, job.new) == ("ready", 2), job.errors
    assert commit(job)

    assert set(User.objects.filter(email__in=["aigerim@example.org", "kim@example.org"])
               .values_list("last_name", "profile__category")) == {
        ("Сейтқалиқызы", "activist"), ("Ким", "member"),
    }


def test_a_broken_file_is_refused_with_a_message(union, upload):
    assert upload(b"PK\x03\x04 not really a workbook", name="members.xlsx").status == "invalid"
    job = upload(csv_bytes(header="who,where"))
    assert job.status == "invalid"
    assert job.errors[0]["row"] == 1 and "name" in job.errors[0]["message"]


def test_a_change_after_the_preview_fails_the_whole_commit(union, upload, commit):
    job = upload(csv_bytes(
        f"Ким Марина,marina@example.org,{union.school_a.pk},member,",
        f"Петренко Ольга,olga@example.org,{union.school_a.pk},member,",
    ))
    assert job.status == "ready"
    # Meanwhile two accounts with her address appeared in the region: which one to update?
    member(union.school_a, email="olga@example.org")
    member(union.school_a2, email="Olga@example.org")

    assert commit(job)

    assert job.status == "failed"
    assert [(e["row"], e["column"]) for e in job.errors] == [(3, "email")]
    assert not User.objects.filter(email="marina@example.org").exists()


def test_a_committed_job_is_not_committed_twice(union, upload, commit):
    job = upload(csv_bytes(f"Ким Марина,marina@example.org,{union.school_a.pk},member,"))
    assert commit(job)
    assert not commit(job)
    assert member_import.run_commit(job.pk).status == "done"
    assert User.objects.filter(email="marina@example.org").count() == 1


# --- The pages -------------------------------------------------------------------------


def test_upload_preview_and_commit_through_the_pages(
    client, union, admin, django_capture_on_commit_callbacks
):
    client.force_login(admin)
    content = csv_bytes(f"Ким Марина,marina@example.org,{union.school_a.pk},member,",
                        "Ким Олег,oleg@example.org,99999,member,")
    upload_file = SimpleUploadedFile("members.csv", content, content_type="text/csv")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:member_imports"), {"file": upload_file})
    job = MemberImport.objects.get()
    assert response.url == reverse("reports:member_import", args=[job.pk])

    page = client.get(response.url)
    assert page.context["job"].status == "invalid" and not page.context["can_commit"]
    assert "99999" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:member_import_commit", args=[job.pk]))
    assert not User.objects.filter(email="marina@example.org").exists()

    good = csv_bytes(f"Ким Марина,marina@example.org,{union.school_a.pk},,")
    good = SimpleUploadedFile("members.csv", good)
    with django_capture_on_commit_callbacks(execute=True):
        job_url = client.post(reverse("reports:member_imports"), {"file": good}).url
    assert client.get(job_url).context["can_commit"]
    job = MemberImport.objects.get(status="ready")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:member_import_commit", args=[job.pk]))
    assert client.get(job_url).context["job"].status == "done"
    assert User.objects.filter(email="marina@example.org").exists()


def test_another_regions_import_is_not_found(client, union, upload, commit):
    job = upload(csv_bytes(f"Ким Марина,marina@example.org,{union.school_a.pk},member,"))
    client.force_login(administrator(union.region_b))

    assert client.get(reverse("reports:member_import", args=[job.pk])).status_code == 404
    assert client.post(reverse("reports:member_import_commit", args=[job.pk])).status_code == 404
    assert job.file_name not in client.get(reverse("reports:member_imports")).content.decode()
    assert MemberImport.objects.get(pk=job.pk).status == "ready"


def test_the_template_lists_only_ones_own_organisations(client, union, admin):
    client.force_login(admin)

    response = client.get(reverse("reports:member_import_template"))

    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    sheets = [[list(row) for row in sheet.iter_rows(values_only=True)] for sheet in workbook]
    assert sheets[0][0] == ["name", "email", "organisation", "category", "position"]
    assert {row[0] for row in sheets[1][1:]} == {
        union.region_a.pk, union.district_a.pk, union.school_a.pk, union.school_a2.pk,
    }


def test_progress_of_a_running_import_comes_from_the_cache(union, upload):
    job = upload(csv_bytes(f"Ким Марина,marina@example.org,{union.school_a.pk},member,"))
    job.status = MemberImport.Status.IMPORTING
    cache.set(member_import.progress_key(job.pk), 1)

    assert member_import.current_progress(job) == 1


def test_a_row_with_several_mistakes_reports_each_of_them(union, upload):
    job = upload(csv_bytes("Оспанова Әсем,not-an-email,99999,активист-ветеран,"))

    mistakes = [(e["row"], e["column"]) for e in job.errors]
    assert mistakes == [(2, "category"), (2, "email"), (2, "organisation")]


def test_short_category_names_from_the_unions_lists_are_understood(union, upload):
    job = upload(csv_bytes(
        f"Оспанова Әсем,asem@example.org,{union.school_a.pk},Председатель ППО,",
        f"Ким Марина,marina@example.org,{union.school_a.pk},активист,",
        f"Жұмабеков Ерлан,erlan@example.org,{union.school_a.pk},жас педагог,",
    ))

    assert (job.status, job.new) == ("ready", 3), job.errors


def test_mistakes_name_the_column_as_the_file_does(union, upload):
    content = csv_bytes(f"Ким Марина;marina@;{union.school_a.pk}",
                        header="ФИО;Электронная почта;Организация", encoding="cp1251")

    job = upload(content)

    assert [(e["row"], e["column"]) for e in job.errors] == [(2, "Электронная почта")]
