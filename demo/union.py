"""Demo data for ``manage.py seed_demo``: a small but real-looking union and one user per role.

Member counts come from the union's documents where they give them (seeds 002-004: the
Semey territorial organisation, 24,120 members; the Almaty regional organisation, about
27,000; the Almaty city organisation, 1,732); the rest are estimates that add up to the
~598,000 members behind the 13.0% coverage of 2024 (seed 001).
"""

import datetime
import json

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from content.models import HomePage
from lms import services
from lms.models import (
    Audience,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    LearnerCategory,
    LearningPath,
    LearningPathStep,
    LessonPage,
    ModulePage,
    Organisation,
    OrganisationKind,
    Topic,
    User,
)
from lms.roles import Role, ensure_role_groups

from . import courses_content as demo_content

CENTRAL_COMMITTEE = (
    "Казахстанский отраслевой профсоюз работников образования и науки",
    "Қазақстандық білім және ғылым қызметкерлерінің салалық кәсіподағы",
)

# (ru, kk, members, (city ru, city kk), (district ru, district kk))
MEMBER_ORGANISATIONS = [
    ("Абайская областная организация", "Абай облыстық ұйымы", 24_120,
     ("Семей", "Семей"), ("Бескарагайский район", "Бесқарағай ауданы")),
    ("Акмолинская областная организация", "Ақмола облыстық ұйымы", 25_000,
     ("Кокшетау", "Көкшетау"), ("Бурабайский район", "Бурабай ауданы")),
    ("Актюбинская областная организация", "Ақтөбе облыстық ұйымы", 33_000,
     ("Актобе", "Ақтөбе"), ("Хромтауский район", "Хромтау ауданы")),
    ("Алматинская областная организация", "Алматы облыстық ұйымы", 27_000,
     ("Конаев", "Қонаев"), ("Енбекшиказахский район", "Еңбекшіқазақ ауданы")),
    ("Атырауская областная организация", "Атырау облыстық ұйымы", 24_000,
     ("Атырау", "Атырау"), ("Махамбетский район", "Махамбет ауданы")),
    ("Восточно-Казахстанская областная организация", "Шығыс Қазақстан облыстық ұйымы", 30_000,
     ("Усть-Каменогорск", "Өскемен"), ("Глубоковский район", "Глубокое ауданы")),
    ("Жамбылская областная организация", "Жамбыл облыстық ұйымы", 36_000,
     ("Тараз", "Тараз"), ("Байзакский район", "Байзақ ауданы")),
    ("Жетысуская областная организация", "Жетісу облыстық ұйымы", 22_000,
     ("Талдыкорган", "Талдықорған"), ("Каратальский район", "Қаратал ауданы")),
    ("Западно-Казахстанская областная организация", "Батыс Қазақстан облыстық ұйымы", 23_000,
     ("Уральск", "Орал"), ("Бурлинский район", "Бөрлі ауданы")),
    ("Карагандинская областная организация", "Қарағанды облыстық ұйымы", 40_000,
     ("Караганда", "Қарағанды"), ("Бухар-Жырауский район", "Бұқар жырау ауданы")),
    ("Костанайская областная организация", "Қостанай облыстық ұйымы", 28_000,
     ("Костанай", "Қостанай"), ("Костанайский район", "Қостанай ауданы")),
    ("Кызылординская областная организация", "Қызылорда облыстық ұйымы", 30_000,
     ("Кызылорда", "Қызылорда"), ("Шиелийский район", "Шиелі ауданы")),
    ("Мангистауская областная организация", "Маңғыстау облыстық ұйымы", 25_000,
     ("Актау", "Ақтау"), ("Мунайлинский район", "Мұнайлы ауданы")),
    ("Павлодарская областная организация", "Павлодар облыстық ұйымы", 26_000,
     ("Павлодар", "Павлодар"), ("Экибастуз", "Екібастұз")),
    ("Северо-Казахстанская областная организация", "Солтүстік Қазақстан облыстық ұйымы", 19_000,
     ("Петропавловск", "Петропавл"), ("Кызылжарский район", "Қызылжар ауданы")),
    ("Туркестанская областная организация", "Түркістан облыстық ұйымы", 62_000,
     ("Туркестан", "Түркістан"), ("Сайрамский район", "Сайрам ауданы")),
    ("Улытауская областная организация", "Ұлытау облыстық ұйымы", 8_000,
     ("Жезказган", "Жезқазған"), ("Сатпаев", "Сәтбаев")),
    ("Астанинская городская организация", "Астана қалалық ұйымы", 38_000,
     ("Есильский район", "Есіл ауданы"), ("Алматинский район", "Алматы ауданы")),
    ("Алматинская городская организация", "Алматы қалалық ұйымы", 1_732,
     ("Бостандыкский район", "Бостандық ауданы"), ("Алмалинский район", "Алмалы ауданы")),
    ("Шымкентская городская организация", "Шымкент қалалық ұйымы", 41_000,
     ("Абайский район", "Абай ауданы"), ("Енбекшинский район", "Еңбекші ауданы")),
]

DEMO_PASSWORD = "demo-union-2026"

# (email, first, last, role, category, language, region index, district index, school index)
DEMO_USERS = [
    ("member.kk@example.org", "Айгерім", "Сейтқалиқызы", Role.MEMBER,
     LearnerCategory.MEMBER, "kk", 0, 0, 0),
    ("member.ru@example.org", "Ольга", "Петренко", Role.MEMBER,
     LearnerCategory.MEMBER, "ru", 10, 0, 1),
    ("chair@example.org", "Ерлан", "Жұмабеков", Role.MEMBER,
     LearnerCategory.PRIMARY_CHAIR, "kk", 0, 1, 0),
    ("trainer@example.org", "Гүлнар", "Әбдірахманова", Role.TRAINER,
     LearnerCategory.ACTIVIST, "ru", 17, 0, 2),
    ("methodologist@example.org", "Марина", "Ким", Role.METHODOLOGIST,
     LearnerCategory.ACTIVIST, "ru", 17, 1, 2),
    ("admin.abai@example.org", "Нұрлан", "Оспанов", Role.ORGANISATION_ADMINISTRATOR,
     LearnerCategory.DISTRICT_CHAIR, "kk", 0, 0, 2),
    ("admin.kostanay@example.org", "Светлана", "Иванова", Role.ORGANISATION_ADMINISTRATOR,
     LearnerCategory.DISTRICT_CHAIR, "ru", 10, 0, 2),
]
SUPERUSER_EMAIL = "admin@example.org"


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
    rows = []
    for email, first, last, role, category, language, r, d, s in DEMO_USERS:
        user = _ensure_user(email, first, last, DEMO_PASSWORD)
        user.groups.set([Group.objects.get(name=role)])
        profile = services.ensure_profile(user)
        profile.category, profile.language = category, language
        # One claim waiting for the Abai administrator: the member says she is an activist.
        profile.claimed_category = (
            LearnerCategory.ACTIVIST if email == "member.kk@example.org" else ""
        )
        profile.organisation = regions[r][1][d][s]
        profile.administered_organisation = (
            regions[r][0] if role == Role.ORGANISATION_ADMINISTRATOR else None
        )
        profile.save()
        rows.append((role.value, email, DEMO_PASSWORD))
    _ensure_user(SUPERUSER_EMAIL, "Администратор", "Платформы", DEMO_PASSWORD,
                 is_staff=True, is_superuser=True)
    rows.append(("Superuser", SUPERUSER_EMAIL, DEMO_PASSWORD))
    return rows


HOME_INTRO = {
    "intro_kk": "<p>Өз қарқыныңызбен телефоннан немесе компьютерден оқыңыз: курс алдында және "
                "кейін тест тапсырып, сертификат алыңыз.</p>",
    "intro_ru": "<p>Учитесь в своём темпе с телефона или компьютера: пройдите тест до и после "
                "курса и получите сертификат.</p>",
    "intro_en": "<p>Learn at your own pace on a phone or a computer: take a test before and after "
                "the course and receive a certificate.</p>",
}


def ensure_home_page():
    """The site's home page. Migrations make it; this remakes it (with Wagtail's root page
    and locale) where it was removed, as a test's database flush does."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        return site.root_page.specific
    locale = Locale.get_default() if Locale.objects.exists() else Locale.objects.create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale)
    )
    home = root.add_child(instance=HomePage(title="Oqu", slug="home", locale=locale))
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name="Oqu")
    ensure_role_groups()  # page permissions hang on the home page
    return home


def set_up_home_page():
    home = ensure_home_page()
    if all(getattr(home, field) == text for field, text in HOME_INTRO.items()):
        return
    for field, text in HOME_INTRO.items():
        setattr(home, field, text)
    home.save_revision().publish()


def _body(blocks):
    """demo_content's (kind, value) pairs as StreamField JSON."""
    raw = []
    for kind, value in blocks:
        if kind == "video":
            value = {"file": None, "description": "", **value}
        raw.append({"type": kind, "value": value})
    return json.dumps(raw)


def _ensure_page(parent, page_class, slug, **fields):
    existing = page_class.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    return parent.add_child(instance=page_class(slug=slug, live=True, **fields))


def build_courses():
    """The catalogue with the demo courses in Russian and Kazakh, and the learning paths.
    Pages that exist already are left as editors may have changed them."""
    home = ensure_home_page()
    catalogue = _ensure_page(home, CourseIndexPage, "courses", title="Курсы · Курстар")
    for category in LearnerCategory.values:
        Audience.objects.get_or_create(category=category)
    for slug, name_ru, name_kk in demo_content.TOPICS:
        Topic.objects.update_or_create(slug=slug, defaults={"name_ru": name_ru, "name_kk": name_kk})
    courses = {}
    for spec in demo_content.COURSES:
        course = CoursePage.objects.child_of(catalogue).filter(slug=spec["slug"]).first()
        if course is None:
            course = CoursePage(
                slug=spec["slug"], live=True, title=spec["title"], summary=spec["summary"],
                language=spec["language"], level=spec["level"], tier=spec["tier"],
                estimated_hours=spec["hours"],
                deadline=spec["deadline"] and datetime.date.fromisoformat(spec["deadline"]),
            )
            course.topics = list(Topic.objects.filter(slug__in=spec["topics"]))
            course.audiences = list(Audience.objects.filter(category__in=spec["audiences"]))
            course.prerequisites = [courses[slug] for slug in spec["prerequisites"]]
            catalogue.add_child(instance=course)
        courses[spec["slug"]] = course
        for m, module_spec in enumerate(spec["modules"], start=1):
            module = _ensure_page(
                course, ModulePage, f"module-{m}",
                title=module_spec["title"], summary=module_spec["summary"],
            )
            for n, lesson in enumerate(module_spec["lessons"], start=1):
                _ensure_page(
                    module, LessonPage, f"lesson-{n}", title=lesson["title"],
                    estimated_minutes=lesson["minutes"], required=lesson["required"],
                    body=_body(lesson["body"]),
                )
    for spec in demo_content.PATHS:
        path, created = LearningPath.objects.get_or_create(
            title_ru=spec["title_ru"],
            defaults={"title_kk": spec["title_kk"], "category": spec["category"],
                      "description": spec["description"]},
        )
        if created:
            for position, slug in enumerate(spec["courses"]):
                LearningPathStep.objects.create(path=path, course=courses[slug], sort_order=position)
    return courses


def start_demo_learning(courses):
    """Give the demo members something to continue: the Kazakh member is half-way through
    the basics, the Russian member has finished them."""
    kk_member = User.objects.get(email="member.kk@example.org")
    ru_member = User.objects.get(email="member.ru@example.org")
    started = services.enrol(kk_member, courses["union-basics-kk"])
    first_lesson = courses["union-basics-kk"].lessons().first()
    services.complete_lesson(started, first_lesson)
    finished = services.enrol(ru_member, courses["union-basics-ru"])
    if not finished.is_complete:
        for lesson in courses["union-basics-ru"].lessons():
            services.complete_lesson(finished, lesson)
    return Enrolment.objects.filter(user__in=[kk_member, ru_member]).count()


@transaction.atomic
def seed_demo():
    """Create or update all demo data. Running it again changes nothing."""
    regions = build_union_tree()
    set_up_home_page()
    rows = create_demo_users(regions)
    start_demo_learning(build_courses())
    return rows
