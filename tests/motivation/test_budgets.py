import re
from decimal import Decimal

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.urls import reverse

from lms import services as lms_services
from lms.models import OrganisationKind
from motivation.models import TrainingBudget
from motivation.services.budgets import budget_report

from .factories import almaty

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen():
    with time_machine.travel(almaty(2026, 9, 1), tick=False):
        yield


def budget(organisation, expense, training, year=2026):
    return TrainingBudget.objects.create(
        organisation=organisation,
        year=year,
        expense_budget=Decimal(expense),
        training_spend=Decimal(training),
    )


@pytest.fixture
def budgets(union):
    budget(union.region_a, "1000000", "70000")  # 7%: below the norm
    budget(union.district_a, "500000", "60000")  # 12%
    budget(union.school_a, "200000", "20000")  # exactly 10%: meets the norm
    budget(union.school_a2, "0", "0")  # nothing to compare with
    budget(union.region_a, "900000", "15300", year=2025)  # another year
    budget(union.region_b, "900000", "100000")  # another region


def test_each_budget_of_the_subtree_with_its_share_and_the_norm_flag(union, admin_a, budgets):
    report = budget_report(admin_a, union.region_a, 2026)
    assert [(row.label, row.share, row.below_norm, row.level) for row in report.rows] == [
        (union.region_a.name_ru, 7.0, True, 0),
        (union.district_a.name_ru, 12.0, False, 1),
        (union.school_a.name_ru, 10.0, False, 2),
        (union.school_a2.name_ru, None, None, 2),
    ]
    assert (report.total.budget, report.total.spend) == (Decimal("1700000"), Decimal("150000"))
    assert report.total.share == 8.8 and report.total.below_norm
    assert (report.reported, report.below, report.norm) == (4, 1, 10)
    assert report.own.organisation == union.region_a


def test_a_narrower_organisation_totals_its_own_subtree(union, admin_a, budgets):
    report = budget_report(admin_a, union.district_a, 2026)
    assert [row.label for row in report.rows] == [
        union.district_a.name_ru,
        union.school_a.name_ru,
        union.school_a2.name_ru,
    ]
    assert report.total.share == 11.4 and report.total.below_norm is False
    assert report.below == 0


def test_the_norm_is_a_setting(union, admin_a, budgets, settings):
    settings.TRAINING_BUDGET_NORM_PERCENT = 12
    report = budget_report(admin_a, union.region_a, 2026)
    assert [row.below_norm for row in report.rows] == [True, False, True, None]
    assert report.below == 2


def test_children_without_a_budget_are_listed_to_enter(union, admin_b, budgets):
    other = lms_services.add_organisation(
        union.region_b,
        kind=OrganisationKind.DISTRICT_COMMITTEE,
        name_ru="Рудный: горком",
        name_kk="Рудный: қалалық",
    )
    report = budget_report(admin_b, union.region_b, 2026)
    assert [child.pk for child in report.missing] == [union.district_b.pk, other.pk]
    assert [row.label for row in report.rows] == [union.region_b.name_ru]


def test_the_report_page_and_export_are_scoped(client, union, admin_a, admin_b, budgets):
    url = reverse("motivation:budgets")
    client.force_login(admin_b)
    assert client.get(url, {"org": union.region_a.pk}).status_code == 404
    assert client.get(url, {"org": union.school_a.pk, "export": "csv"}).status_code == 404
    assert union.region_a.name_ru not in client.get(url).content.decode()

    client.force_login(admin_a)
    page = client.get(url, {"year": 2026}).content.decode()
    assert re.search(r'data-figure="share" class="below-norm">8,8\s?%<', page)
    assert page.count('class="flag"') == 2  # the region's row and the total
    csv = client.get(url, {"year": 2026, "export": "csv"}).getvalue().decode("utf-8-sig").splitlines()
    assert csv[-1].split(";")[1:4] == ["1700000,00", "150000,00", "8,8"]  # Russian: decimal commas


def test_an_administrator_enters_a_budget_of_their_subtree(client, union, admin_a, admin_b):
    url = reverse("motivation:budget_edit", args=[union.school_a.pk, 2026])
    client.force_login(admin_b)
    assert client.get(url).status_code == 404
    assert client.post(url, {"expense_budget": "100", "training_spend": "10"}).status_code == 404

    client.force_login(admin_a)
    refused = client.post(url, {"expense_budget": "100000", "training_spend": "100001"})
    assert "training_spend" in refused.context["form"].errors
    assert client.post(url, {"expense_budget": "100000", "training_spend": "12500"}).status_code == 302
    saved = TrainingBudget.objects.get(organisation=union.school_a, year=2026)
    assert (saved.training_spend, saved.updated_by) == (Decimal("12500"), admin_a)
    client.post(url, {"expense_budget": "100000", "training_spend": "9000"})  # changed, not doubled
    assert TrainingBudget.objects.get(organisation=union.school_a, year=2026).training_spend == Decimal(
        "9000"
    )
    assert client.get(reverse("motivation:budget_edit", args=[union.school_a.pk, 1990])).status_code == 404
    assert client.get(reverse("motivation:budget_edit", args=[999999, 2026])).status_code == 404


@pytest.mark.parametrize("schools", [1, 12])
def test_the_budget_report_runs_a_bounded_number_of_queries(
    client, union, admin_a, schools, django_assert_max_num_queries
):
    for number in range(schools):
        school = lms_services.add_organisation(
            union.district_a,
            kind=OrganisationKind.PRIMARY_ORGANISATION,
            name_ru=f"Школа {number}",
            name_kk=f"Мектеп {number}",
        )
        budget(school, "100000", str(5000 + number * 1000))
    client.force_login(admin_a)
    client.get(reverse("motivation:budgets"))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("motivation:budgets")).status_code == 200


def test_a_budget_cannot_be_entered_twice_for_a_year(union):
    budget(union.school_a, "1", "0")
    with pytest.raises(IntegrityError), transaction.atomic():
        budget(union.school_a, "2", "0")


def test_amounts_are_entered_as_typed_in_russian_and_shown_grouped(client, union, admin_a):
    url = reverse("motivation:budget_edit", args=[union.school_a.pk, 2026])
    client.force_login(admin_a)

    refused = client.post(url, {"expense_budget": "1e10", "training_spend": "0"})
    assert "1\xa0200\xa0000,50" in refused.context["form"].errors["expense_budget"][0]
    typed = {"expense_budget": "1 000 000", "training_spend": "99\xa0960,00"}
    assert client.post(url, typed).status_code == 302

    saved = TrainingBudget.objects.get(organisation=union.school_a, year=2026)
    assert (saved.expense_budget, saved.training_spend) == (Decimal("1000000"), Decimal("99960"))
    form = client.get(url).content.decode()
    assert 'value="1\xa0000\xa0000"' in form and 'inputmode="decimal"' in form


def test_a_share_just_below_the_norm_is_flagged_and_shown_with_the_places_that_decide_it(
    client, union, admin_a
):
    budget(union.school_a, "1000000", "99960")  # 9.996 %: "10.0 %" would seem to meet the norm
    budget(union.school_a2, "1000000", "100000")  # exactly 10 %

    report = budget_report(admin_a, union.district_a, 2026)

    shares = {row.label: (row.share, row.share.decimals, row.below_norm) for row in report.rows}
    assert shares[union.school_a.name_ru] == (9.99, 2, True)
    assert shares[union.school_a2.name_ru] == (10.0, 1, False)
    client.force_login(admin_a)
    url = reverse("motivation:budgets")
    page = client.get(url, {"org": union.district_a.pk, "year": 2026}).content.decode()
    assert re.search(r"9,99\s?%<br><span class=\"flag\">", page)
    assert "10,0" not in page.split(union.school_a2.name_ru)[0].split(union.school_a.name_ru)[1]
    csv = client.get(url, {"org": union.district_a.pk, "year": 2026, "export": "csv"})
    csv = csv.getvalue().decode("utf-8-sig")
    assert f"{union.school_a.name_ru};1000000,00;99960,00;9,99;" in csv
