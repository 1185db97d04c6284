import datetime
import zoneinfo

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.db import IntegrityError
from django.urls import reverse
from icalendar import Calendar

from content import services
from content.models import WebinarPage, WebinarRegistration
from lms.roles import Role
from tests.content.factories import webinar, webinar_list_page, with_role
from tests.lms.factories import UserFactory

pytestmark = pytest.mark.django_db

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
SECRET = "https://bbb.example.org/b/secret-room"


@pytest.fixture
def webinars(db):
    return webinar_list_page()


def members(count):
    return [with_role(Role.MEMBER) for _ in range(count)]


def register_url(page):
    return reverse("content:register", args=[page.pk])


def cancel_url(page):
    return reverse("content:cancel", args=[page.pk])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- Registration ---------------------------------------------------------------------------


def test_member_registers_once_however_often_they_click(client, webinars):
    page = webinar(webinars, capacity=10)
    member = with_role(Role.MEMBER)
    client.force_login(member)

    client.post(register_url(page))
    client.post(register_url(page))

    assert WebinarRegistration.objects.filter(webinar=page, user=member).count() == 1


def test_the_database_refuses_a_second_registration_of_the_same_member(webinars):
    page = webinar(webinars)
    member = with_role(Role.MEMBER)
    WebinarRegistration.objects.create(webinar=page, user=member)

    with pytest.raises(IntegrityError):
        WebinarRegistration.objects.create(webinar=page, user=member)


def test_a_full_webinar_refuses_the_next_member_and_says_it_is_full(client, webinars):
    page = webinar(webinars, capacity=2)
    first, second, third = members(3)
    services.register(first, page)
    services.register(second, page)
    client.force_login(third)

    response = client.post(register_url(page))
    shown = client.get(page.url).content.decode()

    assert "All places are taken." in messages_of(response)
    assert not WebinarRegistration.objects.filter(webinar=page, user=third).exists()
    assert "The webinar is full" in shown
    assert f'action="{register_url(page)}"' not in shown


def test_cancelling_frees_the_place(client, webinars):
    page = webinar(webinars, capacity=1)
    first, second = members(2)
    services.register(first, page)
    with pytest.raises(services.RegistrationRefused):
        services.register(second, page)

    client.force_login(first)
    client.post(cancel_url(page))

    assert services.register(second, page).user == second
    assert services.places_left(page) == 0


def test_no_registration_after_the_end_and_no_cancelling_after_the_start(webinars):
    over = webinar(webinars, starts_in=-datetime.timedelta(hours=3))
    running = webinar(webinars, starts_in=-datetime.timedelta(minutes=10))
    member = with_role(Role.MEMBER)

    with pytest.raises(services.RegistrationRefused):
        services.register(member, over)
    services.register(member, running)  # late comers may still register and join
    with pytest.raises(services.RegistrationRefused):
        services.cancel(member, running)
    assert WebinarRegistration.objects.filter(webinar=running, user=member).exists()


def test_anonymous_visitor_is_asked_to_log_in_to_register(client, webinars):
    page = webinar(webinars)

    response = client.post(register_url(page))

    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    assert "Log in to register" in client.get(page.url, HTTP_ACCEPT_LANGUAGE="en").content.decode()


# --- The join link --------------------------------------------------------------------------


def page_html(client, page):
    return client.get(page.url).content.decode()


def test_join_link_is_shown_only_to_registered_members_shortly_before_and_during(client, webinars, settings):
    settings.WEBINAR_JOIN_OPENS_MINUTES = 15
    start = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=datetime.UTC)
    with time_machine.travel(start - datetime.timedelta(days=1), tick=False):
        page = webinar(webinars, starts_in=datetime.timedelta(days=1), duration_minutes=60)
        registered, other = members(2)
        services.register(registered, page)

    def seen(user, moment):
        with time_machine.travel(moment, tick=False):
            client.force_login(user) if user else client.logout()
            return SECRET in page_html(client, page)

    assert not seen(registered, start - datetime.timedelta(minutes=16))
    assert seen(registered, start - datetime.timedelta(minutes=15))
    assert seen(registered, start + datetime.timedelta(minutes=59))
    assert not seen(registered, start + datetime.timedelta(minutes=60))
    for moment in [start - datetime.timedelta(minutes=5), start + datetime.timedelta(minutes=5)]:
        assert not seen(other, moment)
        assert not seen(None, moment)


def test_join_link_never_reaches_a_calendar_file(client, webinars):
    page = webinar(webinars, starts_in=datetime.timedelta(minutes=5))
    member = with_role(Role.MEMBER)
    services.register(member, page)
    client.force_login(member)

    ics = client.get(reverse("content:webinar_ics", args=[page.pk])).content.decode()
    feed = client.get(reverse("content:calendar_feed", args=[services.feed_token(member)])).content.decode()

    assert SECRET not in ics and SECRET not in feed


# --- Times and calendars ----------------------------------------------------------------------


def test_start_is_stored_in_utc_and_shown_in_almaty_time(client, webinars):
    page = webinar(webinars)
    page.starts_at = datetime.datetime(2026, 9, 15, 15, 0, tzinfo=ALMATY)
    page.save()
    page.refresh_from_db()

    html = page_html(client, page)

    assert page.starts_at == datetime.datetime(2026, 9, 15, 10, 0, tzinfo=datetime.UTC)
    assert "15:00" in html and 'datetime="2026-09-15T15:00:00+05:00"' in html


def test_ics_file_parses_back_with_the_start_and_end_in_utc(client, webinars):
    page = webinar(webinars, title="Вебинар: трудовой договор", duration_minutes=90)
    page.starts_at = datetime.datetime(2026, 9, 15, 15, 0, tzinfo=ALMATY)
    page.save()

    response = client.get(reverse("content:webinar_ics", args=[page.pk]))
    calendar = Calendar.from_ical(response.content)
    event = calendar.walk("VEVENT")[0]

    assert response["Content-Type"].startswith("text/calendar")
    assert str(event["summary"]) == "Вебинар: трудовой договор"
    assert event.decoded("dtstart") == datetime.datetime(2026, 9, 15, 10, 0, tzinfo=datetime.UTC)
    assert event.decoded("dtend") - event.decoded("dtstart") == datetime.timedelta(minutes=90)
    assert b"DTSTART:20260915T100000Z" in response.content
    assert page.url in str(event["url"])


def test_add_to_google_calendar_link_carries_the_utc_times(client, webinars):
    page = webinar(webinars, duration_minutes=60)
    page.starts_at = datetime.datetime(2026, 9, 15, 15, 0, tzinfo=ALMATY)
    page.save()

    html = page_html(client, page)

    assert "calendar.google.com/calendar/render?action=TEMPLATE" in html
    assert "dates=20260915T100000Z%2F20260915T110000Z" in html


def test_personal_feed_lists_the_members_registrations_only(client, webinars):
    mine, theirs, cancelled = (webinar(webinars, title=t) for t in ("Мой", "Чужой", "Отменённый"))
    member, other = members(2)
    services.register(member, mine)
    services.register(other, theirs)
    services.register(member, cancelled)
    services.cancel(member, cancelled)

    feed = client.get(reverse("content:calendar_feed", args=[services.feed_token(member)]))
    titles = [str(event["summary"]) for event in Calendar.from_ical(feed.content).walk("VEVENT")]

    assert feed["Content-Type"].startswith("text/calendar")
    assert titles == ["Мой"]


def test_personal_feed_address_cannot_be_guessed_or_forged(client, webinars):
    member, other = members(2)
    token = services.feed_token(member)
    payload, signature = token.rsplit(":", 1)
    # Another member's payload with this member's signature does not pass.
    forged = services.feed_token(other).rsplit(":", 1)[0] + ":" + signature

    assert services.feed_token(member) == token  # the address stays the same
    for bad in [forged, token[:-2] + "xx", str(member.pk), payload]:
        assert client.get(reverse("content:calendar_feed", args=[bad])).status_code == 404, bad


def test_registered_member_sees_their_feed_address_on_the_webinar_page(client, webinars):
    page = webinar(webinars)
    member = with_role(Role.MEMBER)
    services.register(member, page)
    client.force_login(member)

    assert services.feed_token(member) in page_html(client, page)


# --- Query budgets ----------------------------------------------------------------------------


@pytest.mark.parametrize("size", [1, 25])
def test_webinar_pages_run_a_bounded_number_of_queries(client, webinars, django_assert_max_num_queries, size):
    days = [datetime.timedelta(days=n + 1) for n in range(size)]
    pages = [webinar(webinars, capacity=size * 3, starts_in=day) for day in days]
    pages += [webinar(webinars, starts_in=-day, recording_url="https://example.org/r") for day in days]
    viewer, *others = members(size + 1)
    for page in pages[:size]:
        for person in [viewer, *others]:
            services.register(person, page)
    client.force_login(viewer)
    urls = [webinars.url, pages[0].url, pages[-1].url,
            reverse("content:calendar_feed", args=[services.feed_token(viewer)])]

    for url, budget in zip(urls, [13, 13, 13, 3], strict=True):
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200, url


def test_a_webinar_with_registrations_is_unpublished_not_deleted(client, webinars):
    page = webinar(webinars)
    services.register(with_role(Role.MEMBER), page)
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    for target in [page, webinars]:
        response = client.post(reverse("wagtailadmin_pages:delete", args=[target.pk]))
        assert response.url == reverse("wagtailadmin_pages:edit", args=[target.pk])
    assert WebinarRegistration.objects.filter(webinar=page).exists()
    empty = webinar(webinars, title="Без регистраций")
    client.post(reverse("wagtailadmin_pages:delete", args=[empty.pk]))
    assert not WebinarPage.objects.filter(pk=empty.pk).exists()
