"""The reports navigation lists the registered sections the user may open: the reports
app's own, motivation's, and any other app's, with no edit to the reports app."""

import pytest
from django.urls import reverse

from reports import sections
from reports.report_sections import reads_reports, reads_reports_with
from tests.lms.factories import administrator, member

pytestmark = pytest.mark.django_db


def nav(client, user, name="reports:dashboard", **params):
    client.force_login(user)
    response = client.get(reverse(name), params)
    assert response.status_code == 200
    page = response.content.decode()
    start = page.index('<nav class="report-nav"')
    return page[start:page.index("</nav>", start)]


@pytest.fixture
def extra_sections():
    """Two sections another app might add: one for every report reader, one only for those
    who may change member imports (organisation administrators may not)."""
    added = [
        sections.register(sections.ReportSection(
            "extra", "Extra report", "reports:coverage", reads_reports, order=15)),
        sections.register(sections.ReportSection(
            "extra_imports", "Imports to change", "reports:member_imports",
            reads_reports_with("reports.change_memberimport"), order=65)),
    ]
    yield added
    for section in added:
        sections.unregister(section.code)


def test_a_registered_section_is_in_the_navigation_of_those_who_may_open_it(client, union, extra_sections):
    admin = administrator(union.region_a)
    links = nav(client, admin)
    assert f'<a href="{reverse("reports:coverage")}">Extra report</a>' in links
    assert links.index("Overview") < links.index("Extra report") < links.index("Coverage")  # by order

    learner = member(union.school_a)
    assert "extra" not in [link.code for link in sections.links(learner, union.school_a)]
    assert sections.links(learner, union.school_a) == []  # a learner may open no report


def test_a_section_the_user_may_not_open_is_left_out(client, union, extra_sections):
    admin = administrator(union.region_a)
    links = nav(client, admin)
    assert "Import members" in links and "Imports to change" not in links

    superuser = member(union.school_a, is_superuser=True)
    assert "Imports to change" in nav(client, superuser)


def test_the_motivation_reports_are_in_the_navigation_of_an_organisation_administrator(client, union):
    admin = administrator(union.region_a)
    links = nav(client, admin)
    org = f"?org={union.region_a.pk}"
    for label, name in [("Training plans", "motivation:plans"), ("Training budgets", "motivation:budgets"),
                        ("Leaderboard", "motivation:leaderboard")]:
        assert f'<a href="{reverse(name)}{org}">{label}</a>' in links
        assert client.get(reverse(name) + org).status_code == 200  # the page opens too
    # The summary is a primary organisation's: there when one is in view.
    assert "Summary for the union meeting" not in links
    links = nav(client, admin, "reports:coverage", org=union.school_a.pk)
    summary = f"{reverse('motivation:organisation_summary')}?org={union.school_a.pk}"
    assert f'<a href="{summary}">Summary for the union meeting</a>' in links
    assert client.get(summary).status_code == 200


def test_another_regions_primary_organisation_gets_no_summary_link(union):
    admin = administrator(union.region_a)
    assert "organisation_summary" in [link.code for link in sections.links(admin, union.school_a)]
    assert "organisation_summary" not in [link.code for link in sections.links(admin, union.school_b)]
