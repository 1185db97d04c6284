"""The demo content in ``demo/data/``, read as plain Python values (see its README.md)."""

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
BANKS = DATA / "banks"  # a GIFT question bank per course, named by the course's slug


def load(name):
    """The parsed ``demo/data/<name>.json``."""
    with (DATA / f"{name}.json").open(encoding="utf-8") as file:
        return json.load(file)


def member_organisations():
    """The 20 member organisations as (ru, kk, members, (city ru, city kk), (district ru,
    district kk)): a city and a district of each get a committee."""
    return [
        (row["ru"], row["kk"], row["members"], (row["city"]["ru"], row["city"]["kk"]),
         (row["district"]["ru"], row["district"]["kk"]))
        for row in load("union")["member_organisations"]
    ]


def central_committee():
    names = load("union")["central_committee"]
    return names["ru"], names["kk"]


def users():
    """{"password", "users": [...], "superuser": {...}}: one demo user per role."""
    return load("users")


def home_intro():
    """The home page's introduction, a field (intro_kk, intro_ru, intro_en) to a text."""
    return load("home")


def topics():
    return load("catalogue")["topics"]


def courses():
    """The courses in the catalogue's order: a course's prerequisites come before it."""
    return [load(f"courses/{slug}") for slug in load("catalogue")["courses"]]


def learning_paths():
    return load("catalogue")["paths"]


def materials():
    return load("materials")


def webinars():
    return load("webinars")


def files():
    """The library's demo files by key: a file name and what to draw (a PDF or a chart)."""
    return load("files")


def events():
    """In-person events with their participants, and answers to the questionnaire."""
    return load("events")


def motivation():
    """Badge rules, a mentorship, a needs survey, a training plan and budgets."""
    return load("motivation")
