"""The kinds of badge rule: how each is checked, and which of a rule's figures it reads.

An administrator makes a ``BadgeRule`` of a registered kind and sets its figures (points, a
threshold, a learning path or a topic); ``services.badges.award_badges`` asks the kind who
has earned it. Kinds register here from ``AppConfig.ready()`` (motivation's own in
``services.badge_rules``), so a new one needs no edit to the awarding, the rule form or the
learner's page. ``BadgeRule.kind`` takes its choices from here.
"""

from collections.abc import Callable
from dataclasses import dataclass

from lms.registry import Registry

# BadgeRule.kind is this long.
CODE_LENGTH = 20


@dataclass(frozen=True)
class BadgeRuleKind:
    code: str  # stored in BadgeRule.kind
    label: str  # what the administrator picks
    earners: Callable  # earners(rule, user_ids) -> a queryset of the ids of people who meet ``rule``
    # (only among ``user_ids`` unless it is None); one SQL query, never a loop over people
    threshold: str | None = None  # what BadgeRule.threshold means; None: the kind takes no threshold
    uses: tuple = ()  # the rule's other fields it reads: "learning_path", "topic"
    validate: Callable | None = None  # validate(rule) raises ValidationError for figures it refuses
    progress: Callable | None = None  # progress(rule, points) -> how far the person is, or None


KINDS = Registry("badge rule kind", max_length=CODE_LENGTH)
register, unregister, registered = KINDS.register, KINDS.unregister, KINDS.registered
# A rule of a kind no app registers any more awards nothing: None rather than an error.
get = KINDS.find


def choices():
    """(code, label) of every kind: the choices of ``BadgeRule.kind``."""
    return KINDS.choices()


def position(code):
    """Where the kind stands in the order registered (after all of them if unknown)."""
    codes = KINDS.codes()
    return codes.index(code) if code in codes else len(codes)
