"""The demo union and one user per role, for ``manage.py seed_demo``.

Member counts come from the union's documents where they give them (seeds 002-004: the
Semey territorial organisation, 24,120 members; the Almaty regional organisation, about
27,000; the Almaty city organisation, 1,732); the rest are estimates that add up to the
~598,000 members behind the 13.0% coverage of 2024 (seed 001). The names and counts are in
``demo/data/union.json``, the users in ``demo/data/users.json``.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from lms import services
from lms.models import LearnerCategory, Organisation, OrganisationKind, User
from lms.roles import Role

from . import loaders

CENTRAL_COMMITTEE = loaders.central_committee()
# (ru, kk, members, (city ru, city kk), (district ru, district kk))
MEMBER_ORGANISATIONS = loaders.member_organisations()
DEMO_PASSWORD = loaders.users()["password"]


def _schools(place_ru, place_kk, seed):
    """Three primary organisations of a district: a school, a kindergarten, a college."""
    number = 3 + seed * 7 % 40
    return [
        (f"Средняя школа № {number}, {place_ru}", f"№ {number} жалпы білім беретін мектеп, {place_kk}",
         80 + seed * 13 % 60),
        (f"Ясли-сад «Балапан», {place_ru}", f"«Балапан» бөбекжай-бақшасы, {place_kk}",
         25 + seed * 5 % 15),
        (f"Гуманитарный колледж, {place_ru}", f"Гуманитарлық колледж, {place_kk}",
         90 + seed * 11 % 60),
    ]


def _ensure_child(parent, kind, name_ru, name_kk, member_count):
    child = parent.get_children().filter(name_ru=name_ru).first()
    if child is None:
        return services.add_organisation(
            parent, kind=kind, name_ru=name_ru, name_kk=name_kk, member_count=member_count
        )
    child.name_kk, child.member_count = name_kk, member_count
    child.save(update_fields=["name_kk", "member_count"])
    return child


def build_union_tree():
    """The Central Committee, the 20 member organisations, two committees and three
    primary organisations in each. Returns the tree as nested lists for the users."""
    total = sum(row[2] for row in MEMBER_ORGANISATIONS)
    root = Organisation.get_first_root_node()
    if root is None:
        root = services.add_organisation(
            None,
            kind=OrganisationKind.CENTRAL_COMMITTEE,
            name_ru=CENTRAL_COMMITTEE[0],
            name_kk=CENTRAL_COMMITTEE[1],
            member_count=total,
        )
    else:
        root.name_ru, root.name_kk, root.member_count = *CENTRAL_COMMITTEE, total
        root.save(update_fields=["name_ru", "name_kk", "member_count"])

    regions = []
    for index, (name_ru, name_kk, members, city, district) in enumerate(MEMBER_ORGANISATIONS):
        region = _ensure_child(
            root, OrganisationKind.MEMBER_ORGANISATION, name_ru, name_kk, members
        )
        committees = []
        for position, ((place_ru, place_kk), share) in enumerate([(city, 40), (district, 15)]):
            committee = _ensure_child(
                region,
                OrganisationKind.DISTRICT_COMMITTEE,
                f"{place_ru}: комитет профсоюза",
                f"{place_kk}: кәсіподақ комитеті",
                members * share // 100,
            )
            schools = [
                _ensure_child(committee, OrganisationKind.PRIMARY_ORGANISATION, *school)
                for school in _schools(place_ru, place_kk, index * 2 + position)
            ]
            committees.append(schools)
        regions.append((region, committees))
    return regions


def _ensure_user(email, first_name, last_name, password, **flags):
    user, _created = User.objects.get_or_create(
        email=email, defaults={"username": email.split("@")[0]}
    )
    user.first_name, user.last_name = first_name, last_name
    for name, value in flags.items():
        setattr(user, name, value)
    if not user.check_password(password):
        user.set_password(password)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def create_demo_users(regions):
    """One user per role, each with a known password. Returns (role, email, password) rows."""
    demo = loaders.users()
    rows = []
    for spec in demo["users"]:
        role = Role(spec["role"])
        user = _ensure_user(spec["email"], spec["first_name"], spec["last_name"], DEMO_PASSWORD)
        user.groups.set([Group.objects.get(name=role)])
        profile = services.ensure_profile(user)
        profile.category, profile.language = LearnerCategory(spec["category"]), spec["language"]
        # One claim waiting for the Abai administrator: the member says she is an activist.
        profile.claimed_category = spec.get("claimed_category", "")
        profile.organisation = regions[spec["region"]][1][spec["committee"]][spec["school"]]
        profile.administered_organisation = (
            regions[spec["region"]][0] if role == Role.ORGANISATION_ADMINISTRATOR else None
        )
        profile.save()
        rows.append((role.value, spec["email"], DEMO_PASSWORD))
    superuser = demo["superuser"]
    _ensure_user(superuser["email"], superuser["first_name"], superuser["last_name"], DEMO_PASSWORD,
                 is_staff=True, is_superuser=True)
    rows.append(("Superuser", superuser["email"], DEMO_PASSWORD))
    return rows
