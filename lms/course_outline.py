"""What the course builder in the admin links to besides the course's modules and lessons
(``CoursePage.outline``): apps above lms add their links here (a course's tests)."""

from dataclasses import dataclass

from .registry import Hooks

# Functions (course) -> list of OutlineLink, added by apps above lms from their ready():
# the quizzes app adds the course's pre-test and post-test.
COURSE_LINKS = Hooks()


@dataclass(frozen=True)
class OutlineLink:
    label: str
    url: str
    done: bool = False  # the thing exists already (a test set up), as opposed to "add it"


def course_links(course):
    """What other apps link to from the course's outline, in the order they were added."""
    return [link for function in COURSE_LINKS for link in function(course)]
