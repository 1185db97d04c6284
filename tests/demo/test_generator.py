"""The union generator's arithmetic, and its refusal to run where it cannot (SQLite)."""

import pytest
from django.core.management import CommandError, call_command

from demo.generator import DISTRICTS_PER_REGION, organisation_rows, shares, tree_path
from demo.union import MEMBER_ORGANISATIONS


def test_shares_add_up_exactly_and_follow_the_weights():
    parts = shares(600_000, [row[2] for row in MEMBER_ORGANISATIONS])

    assert sum(parts) == 600_000
    largest = max(range(len(parts)), key=parts.__getitem__)
    assert MEMBER_ORGANISATIONS[largest][2] == max(row[2] for row in MEMBER_ORGANISATIONS)
    assert sorted(shares(10, [1, 1, 1])) == [3, 3, 4]
    assert sum(shares(7, [0, 0])) == 7  # nothing to weigh by: even shares


def test_the_tree_has_the_union_shape_and_every_member_has_a_school():
    tree, school_members = organisation_rows(600_000, 9_000)
    by_depth = {depth: [row for row in tree if row[2] == depth] for depth in (1, 2, 3, 4)}

    assert len(by_depth[1]) == 1 and len(by_depth[2]) == 20
    assert len(by_depth[3]) == 20 * DISTRICTS_PER_REGION == 200
    assert len(by_depth[4]) == len(school_members) == 9_000
    assert sum(school_members) == 600_000
    assert all(count > 0 for count in school_members)
    assert len({row[0] for row in tree}) == len(tree)  # ids unique
    assert len({row[1] for row in tree}) == len(tree)  # paths unique
    # Every level's member counts are the sums of the level below.
    for parent_depth in (1, 2, 3):
        for parent in by_depth[parent_depth]:
            children = [row for row in by_depth[parent_depth + 1] if row[1].startswith(parent[1])]
            assert parent[3] == len(children)
            assert parent[7] == sum(row[7] for row in children)
    assert [row[5] for row in by_depth[2]] == [row[0] for row in MEMBER_ORGANISATIONS]


def test_paths_are_treebeards():
    assert tree_path(1) == "0001"
    assert tree_path(1, 36, 2) == "0001" "0010" "0002"


@pytest.mark.django_db
def test_on_sqlite_it_says_it_needs_postgresql_and_writes_nothing():
    from lms.models import Organisation

    with pytest.raises(CommandError, match="PostgreSQL"):
        call_command("generate_union", "--members", "100", "--no-progress")
    assert not Organisation.objects.exists()
