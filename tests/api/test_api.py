"""The API for apps: signing in through allauth's headless mode, the learner's endpoints under
the web's rules, problem details, ETags and the schema."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)

from certificates.models import Certificate
from lms import services as lms_services
from lms.models import Enrolment
from tests.api.conftest import call, sign_in, token_of
from tests.lms.factories import course, member

pytestmark = pytest.mark.django_db

@pytest.fixture
def learner(union):
    return member(union.school_a, first_name="Айгерім", last_name="Сапарова")


def test_an_app_signs_in_with_the_sites_account_and_reads_the_profile(app, learner):
    token = token_of(app, learner)

    response = call(app, "get", "/me", token)

    assert response.status_code == 200
    assert response.json() == {"email": learner.email, "full_name": "Айгерім Сапарова", "language": "ru",
                               "organisation": learner.profile.organisation.name, "category": "member"}


def test_without_a_token_the_api_answers_a_problem_and_reveals_nothing(app, learner):
    response = call(app, "get", "/me/learning")

    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 401 and problem["instance"] == "/api/v1/me/learning" and problem["title"]
    assert call(app, "get", "/me", "not-a-token").status_code == 401


def test_an_unverified_address_or_a_wrong_password_opens_nothing(app, union):
    unverified = member(union.school_a)
    EmailAddress.objects.filter(user=unverified).update(verified=False)

    pending = sign_in(app, unverified)
    app.cookies.clear()
    # The token of a sign-in waiting for the address to be verified opens no endpoint.
    assert pending.status_code == 401 and pending.json()["meta"]["is_authenticated"] is False
    assert call(app, "get", "/me", pending.json()["meta"]["session_token"]).status_code == 401
    wrong = sign_in(app, member(union.school_a), password="wrong-password")
    assert wrong.status_code == 400 and "session_token" not in wrong.json().get("meta", {})


def test_the_lockout_of_the_site_holds_for_apps(app, union, settings):
    settings.LOGIN_LOCKOUT_FREE_FAILURES = 2
    person = member(union.school_a)
    for _ in range(3):
        sign_in(app, person, password="wrong-password")
        app.cookies.clear()

    refused = sign_in(app, person)

    assert refused.status_code == 400
    assert "meta" not in refused.json() or "session_token" not in refused.json()["meta"]


def test_a_learner_enrols_reads_a_lesson_marks_it_done_and_completes(app, learner, catalogue):
    taught = course(catalogue, modules=1, lessons=2, title="Основы профсоюзной работы")
    first, second = taught.lessons()
    token = token_of(app, learner)

    closed = call(app, "get", f"/lessons/{first.pk}", token)
    assert closed.status_code == 403 and closed["Content-Type"] == "application/problem+json"
    enrolled = call(app, "post", f"/courses/{taught.pk}/enrolment", token)
    assert enrolled.status_code == 201
    assert enrolled.json()["lessons_total"] == 2 and enrolled.json()["lessons_done"] == 0

    lesson = call(app, "get", f"/lessons/{first.pk}", token).json()
    assert lesson["number"] == 1 and lesson["total"] == 2 and lesson["next_id"] == second.pk
    assert "Текст урока 1.1" in lesson["body_html"]
    call(app, "post", f"/lessons/{first.pk}/done", token)
    done = call(app, "post", f"/lessons/{second.pk}/done", token).json()

    assert done["percent"] == 100 and done["completed_at"] is not None
    outline = call(app, "get", f"/courses/{taught.pk}", token).json()
    assert [lesson["done"] for lesson in outline["modules"][0]["lessons"]] == [True, True]
    assert Enrolment.objects.get(user=learner, course=taught).completed_at is not None
    assert [card["course_title"] for card in call(app, "get", "/me/learning", token).json()] == [taught.title]


def test_an_enrolment_refused_on_the_site_is_refused_here_with_the_reason(app, learner, catalogue):
    basics = course(catalogue, modules=1, lessons=1)
    advanced = course(catalogue, modules=1, lessons=1, prerequisites=[basics])

    response = call(app, "post", f"/courses/{advanced.pk}/enrolment", token_of(app, learner))

    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"]
    assert not Enrolment.objects.filter(user=learner, course=advanced).exists()


def test_no_one_sees_anothers_certificates(
    app, learner, union, catalogue, django_capture_on_commit_callbacks
):
    other = member(union.school_b)
    taught = course(catalogue, modules=1, lessons=1)
    for person in (learner, other):
        enrolment = lms_services.enrol(person, taught)
        with django_capture_on_commit_callbacks(execute=True):
            lms_services.complete_lesson(enrolment, taught.lessons().get())
    assert Certificate.objects.count() == 2

    mine = call(app, "get", "/me/certificates", token_of(app, learner)).json()

    assert [certificate["serial"] for certificate in mine] == [Certificate.objects.get(user=learner).serial]


def test_bad_input_is_named_by_field_and_changes_nothing(app, learner):
    token = token_of(app, learner)

    response = call(app, "put", "/me/language", token, json={"language": "xx"})

    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    learner.profile.refresh_from_db()
    assert learner.profile.language == "ru"
    missing = call(app, "put", "/me/language", token, json={})
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "language"
    assert call(app, "put", "/me/language", token, json={"language": "kk"}).json()["language"] == "kk"


def test_lists_carry_an_etag_and_an_unchanged_list_is_not_sent_again(app, learner, catalogue):
    course(catalogue, modules=1, lessons=1)
    token = token_of(app, learner)

    first = call(app, "get", "/courses", token)
    assert first.status_code == 200 and first.json()["count"] == 1
    again = call(app, "get", "/courses", token, HTTP_IF_NONE_MATCH=first["ETag"])

    assert again.status_code == 304 and again.content == b""
    course(catalogue, modules=1, lessons=1)
    assert call(app, "get", "/courses", token, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


@pytest.mark.parametrize("courses", [2, 25])
def test_the_catalogue_and_my_learning_answer_in_a_bounded_number_of_queries(
    app, learner, catalogue, courses, django_assert_max_num_queries
):
    for _ in range(courses):
        lms_services.enrol(learner, course(catalogue, modules=1, lessons=2))
    token = token_of(app, learner)
    call(app, "get", "/courses", token)

    with django_assert_max_num_queries(12):
        assert call(app, "get", "/courses", token).status_code == 200
    with django_assert_max_num_queries(12):
        assert call(app, "get", "/me/learning", token).status_code == 200


def test_the_schema_describes_every_endpoint(app):
    schema = app.get("/api/v1/openapi.json").json()

    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/courses", "/api/v1/courses/{course_id}", "/api/v1/courses/{course_id}/enrolment",
            "/api/v1/lessons/{lesson_id}", "/api/v1/me", "/api/v1/me/learning",
            "/api/v1/me/certificates", "/api/v1/me/notifications"} <= set(schema["paths"])


def test_a_caller_past_the_rate_is_told_when_to_come_back(app, learner, union):
    token = token_of(app, learner)
    for _ in range(120):
        assert call(app, "get", "/me", token).status_code == 200

    refused = call(app, "get", "/me", token)

    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert refused["Content-Type"] == "application/problem+json"
    # Another member's calls are counted apart.
    assert call(app, "get", "/me", token_of(app, member(union.school_b))).status_code == 200


def test_staff_with_a_second_factor_get_in_through_the_app_only_with_the_code(app, union):
    boss = member(union.school_a, is_staff=True, is_superuser=True)
    secret = generate_totp_secret()
    TOTP.activate(boss, secret)

    pending = sign_in(app, boss)
    app.cookies.clear()
    token = pending.json()["meta"]["session_token"]
    assert pending.status_code == 401 and pending.json()["meta"]["is_authenticated"] is False
    assert call(app, "get", "/me", token).status_code == 401  # not in without the code

    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    done = app.post("/_allauth/app/v1/auth/2fa/authenticate", {"code": code},
                    content_type="application/json", HTTP_X_SESSION_TOKEN=token)
    app.cookies.clear()
    assert done.status_code == 200
    assert call(app, "get", "/me", done.json()["meta"]["session_token"]).json()["email"] == boss.email
