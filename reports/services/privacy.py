"""What people answered in questionnaires, follow-ups and needs surveys is shown for groups,
never for a few people: a rating, a share or a comment appears only where at least
``REPORTS_MIN_GROUP`` people (5 unless set otherwise) answered, whatever the scope, filter
or export. A figure that would let the hidden answers be worked out by subtraction (a
trainer's average beside the averages of all but one of their small groups) is hidden
too. Counts of answers stay visible: they say how many answered, not what.

Every report service that shows answers asks here; views and exports only render what the
services return, so no entry point can show more.
"""

from django.conf import settings


def min_group():
    """The fewest respondents whose answers may be shown together."""
    return settings.REPORTS_MIN_GROUP


def may_show(respondents):
    """May the answers of a group of ``respondents`` people be shown?"""
    return respondents >= min_group()


def reveals_by_subtraction(total, shown):
    """Would a figure over ``total`` respondents, beside figures over ``shown`` of them,
    give away the answers of the few others (more than none, fewer than a group)?"""
    rest = total - shown
    return 0 < rest < min_group()
