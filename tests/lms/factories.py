import itertools
import json
from dataclasses import dataclass

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from wagtail.models import Site

from lms import services
from lms.models import (
    Audience,
    CourseIndexPage,
    CoursePage,
    LearnerCategory,
    LessonPage,
    ModulePage,
    OrganisationKind,
    User,
)
from lms.roles import Role

PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = "Айгерім"
    last_name = "Сейтқалиқызы"
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create:
            self.save()
            EmailAddress.objects.create(user=self, email=self.email, verified=True, primary=True)


def member(organisation=None, category=LearnerCategory.MEMBER, **kwargs):
    user = UserFactory(**kwargs)
    user.groups.add(Group.objects.get(name=Role.MEMBER))
    profile = user.profile
    profile.organisation, profile.category = organisation, category
    profile.save()
    return user


def administrator(organisation, **kwargs):
    user = UserFactory(**kwargs)
    services.make_organisation_administrator(user, organisation)
    return user


@dataclass
class UnionTree:
    root: object
    region_a: object
    district_a: object
    school_a: object
    school_a2: object
    region_b: object
    district_b: object
    school_b: object

    @classmethod
    def build(cls, schools_per_district=2):
        add = services.add_organisation
        root = add(None, kind=OrganisationKind.CENTRAL_COMMITTEE, name_ru="ЦК", name_kk="ОК",
                   member_count=600_000)
        nodes = {}
        for key, name in (("a", "Абайская"), ("b", "Костанайская")):
            region = add(root, kind=OrganisationKind.MEMBER_ORGANISATION, name_ru=name,
                         name_kk=f"{name} облысы", member_count=20_000)
            district = add(region, kind=OrganisationKind.DISTRICT_COMMITTEE,
                           name_ru=f"{name}: горком", name_kk=f"{name}: қалалық",
                           member_count=8_000)
            schools = [
                add(district, kind=OrganisationKind.PRIMARY_ORGANISATION,
                    name_ru=f"Школа № {i} ({name})", name_kk=f"№ {i} мектеп ({name})",
                    member_count=100)
                for i in range(1, schools_per_district + 1)
            ]
            nodes[key] = (region, district, schools)
        return cls(
            root=root,
            region_a=nodes["a"][0], district_a=nodes["a"][1], school_a=nodes["a"][2][0],
            school_a2=nodes["a"][2][1],
            region_b=nodes["b"][0], district_b=nodes["b"][1], school_b=nodes["b"][2][0],
        )


def catalogue_page():
    home = Site.objects.get(is_default_site=True).root_page
    return home.add_child(instance=CourseIndexPage(title="Курсы", slug="courses"))


_course_numbers = itertools.count(1)


def course(catalogue, *, modules=2, lessons=2, title=None, summary="Кратко о курсе.", audiences=(),
           topics=(), prerequisites=(), **fields):
    """A live course with ``modules`` × ``lessons`` text lessons."""
    number = next(_course_numbers)
    page = CoursePage(
        title=title or f"Курс {number}", slug=f"course-{number}", summary=summary, **fields,
    )
    page.audiences = list(Audience.objects.filter(category__in=audiences))
    page.topics = list(topics)
    page.prerequisites = list(prerequisites)
    catalogue.add_child(instance=page)
    for m in range(1, modules + 1):
        module = page.add_child(instance=ModulePage(title=f"Модуль {m}", slug=f"module-{m}"))
        for n in range(1, lessons + 1):
            module.add_child(instance=LessonPage(
                title=f"Урок {m}.{n}", slug=f"lesson-{n}",
                body=json.dumps([{"type": "text", "value": f"<p>Текст урока {m}.{n}</p>"}]),
            ))
    return page
