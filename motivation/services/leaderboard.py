"""The organisation leaderboard: primary organisations ranked by the share of their members
trained this year.

"Trained" is the reports' definition (``reports.services.coverage.trained_pairs``): a
person who in the year completed an online course, attended a webinar or an in-person
event, counted once, under the organisation their profile has now. The ranking is one SQL
query whatever the size of the tree: the page asked for, the asker's own organisation and
the number of organisations all come from it.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils.translation import gettext as _

from lms.models import LearnerProfile, Organisation, OrganisationKind
from lms.models.bilingual import kk_or_ru
from lms.permissions import can_view_organisation
from reports.services.coverage import trained_pairs
from reports.services.tables import percent

PAGE_SIZE = 50
REGION_DEPTH = 2


@dataclass
class LeaderboardRow:
    place: int  # equal shares share a place
    position: int
    organisation_id: int
    name: str
    members: int
    trained: int

    @property
    def share(self):
        return percent(self.trained, self.members)


@dataclass
class Leaderboard:
    scope: Organisation
    year: int
    rows: list
    total: int
    mine: LeaderboardRow | None
    offset: int
    limit: int

    @property
    def has_next(self):
        return self.offset + self.limit < self.total

    @property
    def has_previous(self):
        return self.offset > 0


def region_of(organisation):
    """The member organisation (region) at or above ``organisation``, or None."""
    length = REGION_DEPTH * Organisation.steplen
    if organisation is None or len(organisation.path) < length:
        return None
    if len(organisation.path) == length:
        return organisation
    return Organisation.objects.filter(path=organisation.path[:length]).first()


def member_region(user):
    """The region of the person's own organisation, or None."""
    if not user.is_authenticated:
        return None
    profile = LearnerProfile.objects.filter(user=user).select_related("organisation").first()
    return region_of(profile.organisation if profile else None)


def check_leaderboard(user, organisation):
    """Administrators see any organisation of their subtree; a member sees their region."""
    if can_view_organisation(user, organisation):
        return
    region = member_region(user)
    if region is None or region.pk != organisation.pk:
        raise PermissionDenied(_("You do not belong to this organisation."))


def _ranking_sql(scope, year):
    pairs = trained_pairs(year, year, scope if scope.depth > 1 else None)
    pairs_sql, pairs_params = pairs.query.sql_with_params()
    q = connection.ops.quote_name
    profile, org = q(LearnerProfile._meta.db_table), q(Organisation._meta.db_table)
    trained = "COALESCE(c.n, 0)"
    share = f"CASE WHEN o.{q('member_count')} > 0 THEN {trained} * 1.0 / o.{q('member_count')} ELSE -1 END"
    sql = (
        f"SELECT o.{q('id')} AS org_id, o.{q('name_ru')} AS name_ru, o.{q('name_kk')} AS name_kk, "
        f"o.{q('member_count')} AS members, {trained} AS trained, "
        f"RANK() OVER (ORDER BY {share} DESC) AS place, "
        f"ROW_NUMBER() OVER (ORDER BY {share} DESC, {trained} DESC, o.{q('path')}) AS row_no, "
        f"COUNT(*) OVER () AS total_count "
        f"FROM {org} o LEFT JOIN ("
        f"SELECT p.{q('organisation_id')} AS oid, COUNT(*) AS n FROM ({pairs_sql}) t "
        f"INNER JOIN {profile} p ON p.{q('user_id')} = t.{q('user_id')} "
        f"GROUP BY p.{q('organisation_id')}"
        f") c ON c.oid = o.{q('id')} "
        f"WHERE o.{q('path')} LIKE %s AND o.{q('kind')} = %s"
    )
    return sql, [*pairs_params, f"{scope.path}%", OrganisationKind.PRIMARY_ORGANISATION.value]


def leaderboard(scope, year, *, offset=0, limit=PAGE_SIZE, highlight=None):
    """Primary organisations of ``scope``'s subtree ranked by the share of members trained
    in ``year``: rows ``offset``..``offset + limit`` and the row of the organisation
    ``highlight`` (an id) wherever it stands. One query. The caller checks access."""
    ranking, params = _ranking_sql(scope, year)
    sql = (
        f"SELECT org_id, name_ru, name_kk, members, trained, place, row_no, total_count FROM ({ranking}) r "
        "WHERE (r.row_no > %s AND r.row_no <= %s) OR r.org_id = %s ORDER BY r.row_no"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, offset, offset + limit, highlight or 0])
        fetched = cursor.fetchall()
    rows, mine, total = [], None, 0
    for org_id, name_ru, name_kk, members, trained, place, row_no, total_count in fetched:
        row = LeaderboardRow(
            place=place,
            position=row_no,
            organisation_id=org_id,
            name=kk_or_ru(name_ru, name_kk),
            members=members,
            trained=trained,
        )
        total = total_count
        if org_id == highlight:
            mine = row
        if offset < row_no <= offset + limit:
            rows.append(row)
    return Leaderboard(scope=scope, year=year, rows=rows, total=total, mine=mine, offset=offset, limit=limit)
