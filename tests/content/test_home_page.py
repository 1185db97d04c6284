import pytest
from wagtail.models import Site

from demo.union import build_union_tree
from tests.lms.factories import member

pytestmark = pytest.mark.django_db


def test_home_page_is_the_site_root_with_the_union_name_in_russian_and_kazakh(client):
    assert Site.objects.get(is_default_site=True).root_page.specific_class.__name__ == "HomePage"

    ru = client.get("/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    kk = client.get("/", HTTP_ACCEPT_LANGUAGE="kk").content.decode()

    assert "Казахстанский отраслевой профсоюз работников образования и науки" in ru
    assert "Қазақстандық білім және ғылым қызметкерлерінің салалық кәсіподағы" in kk


def test_home_page_asks_a_member_without_organisation_to_choose_one(client, union):
    client.force_login(member(None))

    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "/me/organisation/" in page


@pytest.mark.parametrize("with_demo_union", [False, True])
def test_home_page_query_count_does_not_grow_with_the_union(
    client, union, django_assert_max_num_queries, with_demo_union
):
    if with_demo_union:
        build_union_tree()
    client.force_login(member(union.school_a))

    with django_assert_max_num_queries(11):
        assert client.get("/").status_code == 200
