"""The learner's next step: a sentence saying what to do, with the button that does it.

The steps before a course's lessons come from other apps (the quizzes app registers "take
the pre-test"), so that ``lms`` leads a new learner there without importing them. What is
left before completion comes from ``lms.completion`` as steps of the same kind.
"""

from dataclasses import dataclass

from .registry import Hooks

_before_lessons = Hooks()


@dataclass(frozen=True)
class NextStep:
    """``text`` tells the learner what to do; ``label`` and ``url`` make its button (none
    when there is nothing to press, e.g. while a trainer grades an answer)."""

    text: str
    label: str = ""
    url: str = ""

    def __str__(self):
        return str(self.text)


def as_step(reason):
    """A registered check's answer as a NextStep (a plain sentence has no button)."""
    return reason if isinstance(reason, NextStep) else NextStep(str(reason))


def step_before_lessons(step):
    """Register ``step(enrolment)``: a NextStep the learner is offered before the lessons
    (a pre-test), or None once it is taken, skipped or not there."""
    return _before_lessons.add(step)


def before_lessons(enrolment):
    """The first registered step still before the lessons of ``enrolment``, or None."""
    return _before_lessons.first(enrolment)


# --- What to do once the lessons are done ("Continue" on My learning) -------------------

_annotations_after_lessons = Hooks()
_steps_after_lessons = Hooks()


@dataclass(frozen=True)
class Step:
    """Where a learner goes next: the page's address and what it is, for the button, with
    the language of that title when it is the course's own (for ``lang_attr``)."""

    url: str
    title: str
    language: str = ""


def step_after_lessons(annotate, step):
    """Register what a learner does once every lesson is done and the course is not yet
    complete (the quizzes app: take the post-test). ``annotate(enrolments)`` adds in SQL the
    fields ``step(enrolment)`` reads; ``step`` returns a ``Step`` or None, without a query,
    so "My learning" stays one query whatever the number of courses."""
    _annotations_after_lessons.add(annotate)
    _steps_after_lessons.add(step)


def with_steps_after_lessons(enrolments):
    return _annotations_after_lessons.fold(enrolments)


def next_step_after_lessons(enrolment):
    """The first registered step ``enrolment`` still has to take, or None."""
    return _steps_after_lessons.first(enrolment)
