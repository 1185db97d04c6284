"""What "My learning" lists under "Coming up": dated things in a learner's near future, in
date order. ``lms`` gives the deadlines of her courses (``services.my_learning``); other
apps register sources (the content app: the webinars she registered for).

    # myapp/apps.py, in ready():
    #     from lms import coming_up
    #     coming_up.register(coming_up.Source("seminars", seminars_for))

``items(user, now, limit)`` returns at most ``limit`` ``Upcoming`` from ``now`` on, in a
bounded number of queries (one is usual), so the page does not grow with the learner's
history.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from .registry import Registry


@dataclass(frozen=True)
class Upcoming:
    """One line of the timeline. ``at`` is aware; ``all_day`` shows the date alone (a
    deadline: the end of that day). ``label`` says what it is ("Webinar"), in the reader's
    language; ``language`` is the title's, for ``lang_attr``."""

    at: datetime.datetime
    label: str
    title: str
    url: str
    language: str = ""
    all_day: bool = False


@dataclass(frozen=True)
class Source:
    code: str
    items: Callable


sources = Registry("coming-up source")
register = sources.register
unregister = sources.unregister
