"""The membership registry's sync with an organisation administrator's API key: the same
check and all-or-nothing import as a spreadsheet, only within the key's subtree, and a key
that is revoked, or whose administrator lost the organisation, opens nothing."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from api import keys
from api.models import ApiKey
from lms.models import LearnerProfile, User
from reports.models import MemberImport
from tests.lms.factories import administrator, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(db):
    return Client(enforce_csrf_checks=True)


def send(client, key, path, **body):
    return client.post(f"/api/v1/registry{path}", data=json.dumps(body) if body else "",
                       content_type="application/json", HTTP_X_API_KEY=key)


def rows(union, *emails):
    return [{"name": f"Сейтқали Айгерім {n}", "email": email, "organisation": str(union.school_a.pk),
             "category": "member", "position": "учитель"} for n, email in enumerate(emails)]


@pytest.fixture
def admin_a(union):
    return administrator(union.region_a)


# Committed as in the embedded mode, where the check runs once the job is saved.
@pytest.mark.django_db(transaction=True)
def test_a_registry_checks_then_imports_members_and_a_second_sync_changes_nothing(registry, union, admin_a):
    _key, raw = keys.issue(admin_a, union.region_a, "Цифровой профсоюз")
    members = rows(union, "a@example.org", "b@example.org")

    checked = send(registry, raw, "/member-imports", members=members)
    assert checked.status_code == 201
    report = checked.json()
    assert (report["status"], report["new"], report["errors"]) == ("ready", 2, [])
    assert not User.objects.filter(email__in=["a@example.org", "b@example.org"]).exists()  # a dry run

    done = send(registry, raw, f"/member-imports/{report['id']}/commit").json()
    assert done["status"] == "done"
    profile = LearnerProfile.objects.get(user__email="a@example.org")
    assert profile.organisation == union.school_a and profile.position == "учитель"
    again = send(registry, raw, "/member-imports", members=members).json()
    assert (again["new"], again["updated"], again["unchanged"]) == (0, 0, 2)
    # Every sync is in the administrator's list of imports, named after its key.
    assert MemberImport.objects.filter(requested_by=admin_a, file_name__contains=_key.prefix).count() == 2


# Committed as in the embedded mode, where the check runs once the job is saved.
@pytest.mark.django_db(transaction=True)
def test_bad_rows_are_named_and_nothing_is_written(registry, union, admin_a):
    _key, raw = keys.issue(admin_a, union.region_a, "registry")
    members = rows(union, "ok@example.org", "not-an-address")
    members.append({"name": "Другой Регион", "email": "c@example.org",
                    "organisation": str(union.school_b.pk)})

    report = send(registry, raw, "/member-imports", members=members).json()

    assert report["status"] == "invalid"
    assert {(error["index"], error["field"]) for error in report["errors"]} == {
        (1, "email"), (2, "organisation")}
    assert send(registry, raw, f"/member-imports/{report['id']}/commit").status_code == 409
    assert not User.objects.filter(email="ok@example.org").exists()


def test_a_revoked_key_a_wrong_key_or_a_lost_organisation_open_nothing(registry, union, admin_a):
    key, raw = keys.issue(admin_a, union.region_a, "registry")
    members = rows(union, "x@example.org")
    assert send(registry, raw, "/member-imports", members=members).status_code == 201

    assert send(registry, raw[:-2] + "xx", "/member-imports", members=members).status_code == 401
    assert send(registry, "", "/member-imports", members=members).status_code == 401
    keys.revoke(admin_a, key.pk)
    assert send(registry, raw, "/member-imports", members=members).status_code == 401

    _key, other = keys.issue(admin_a, union.region_a, "second")
    admin_a.profile.administered_organisation = None
    admin_a.profile.save()
    assert send(registry, other, "/member-imports", members=members).status_code == 401


def test_only_the_keys_own_subtree_and_its_own_imports(registry, union, admin_a):
    with pytest.raises(PermissionDenied):
        keys.issue(admin_a, union.region_b, "not mine")
    admin_b = administrator(union.region_b)
    _key_b, raw_b = keys.issue(admin_b, union.region_b, "b")
    _key_a, raw_a = keys.issue(admin_a, union.region_a, "a")
    job = send(registry, raw_a, "/member-imports", members=rows(union, "y@example.org")).json()

    assert send(registry, raw_b, f"/member-imports/{job['id']}/commit").status_code == 404
    status = registry.get(f"/api/v1/registry/member-imports/{job['id']}", HTTP_X_API_KEY=raw_b)
    assert status.status_code == 404
    # A learner's app token is not a registry key.
    assert registry.get(f"/api/v1/registry/member-imports/{job['id']}",
                        HTTP_X_SESSION_TOKEN="anything").status_code == 401


def test_only_a_hash_of_the_key_is_kept(union, admin_a):
    key, raw = keys.issue(admin_a, union.region_a, "registry")

    assert raw.split("_", 2)[2] not in str(ApiKey.objects.filter(pk=key.pk).values().get())
    assert keys.authenticate(raw) == key
    assert keys.authenticate(raw + "x") is None
    # Members cannot issue keys.
    with pytest.raises(PermissionDenied):
        keys.issue(member(union.school_a), union.school_a, "mine")


def test_an_administrator_issues_a_key_sees_it_once_and_revokes_it(client, union, admin_a):
    client.force_login(admin_a)

    page = client.post("/api/keys/", {"name": "Цифровой профсоюз"})

    key = ApiKey.objects.get(user=admin_a)
    shown = page.content.decode().split('<code class="api-key">')[1].split("</code>")[0]
    assert keys.authenticate(shown) == key and page["Cache-Control"] == "no-store"
    listing = client.get("/api/keys/").content.decode()
    assert "Цифровой профсоюз" in listing and shown not in listing
    client.post(f"/api/keys/{key.pk}/revoke/")
    assert keys.authenticate(shown) is None


def test_members_and_other_administrators_cannot_reach_or_revoke_a_key(client, union, admin_a):
    key, raw = keys.issue(admin_a, union.region_a, "registry")
    client.force_login(member(union.school_a))
    assert client.get("/api/keys/").status_code == 404
    client.force_login(administrator(union.region_b))
    client.post(f"/api/keys/{key.pk}/revoke/")
    assert keys.authenticate(raw) == key


def test_a_body_in_a_wrong_encoding_too_many_rows_or_a_huge_field_is_refused_and_writes_nothing(
    registry, union, admin_a
):
    _key, raw = keys.issue(admin_a, union.region_a, "registry")
    russian = [{"name": "Сергеева Анна", "email": "w@example.org", "organisation": str(union.school_a.pk)}]
    cp1251 = json.dumps({"members": russian}, ensure_ascii=False).encode("cp1251")
    too_many = rows(union, *(f"m{n}@example.org" for n in range(5001)))
    huge = rows(union, "h@example.org")
    huge[0]["name"] = "Я" * 10_000

    for body in (cp1251, json.dumps({"members": too_many}), json.dumps({"members": huge})):
        response = registry.post("/api/v1/registry/member-imports", data=body,
                                 content_type="application/json", HTTP_X_API_KEY=raw)
        assert response.status_code in (400, 422), response.status_code
    assert not MemberImport.objects.exists()
