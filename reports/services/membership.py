"""The members of organisations: the denominator of every coverage share.

Today it is the count each organisation reports now (``Organisation.member_count``, for
itself and everything below it), whatever the year asked about. This module is the one
place that would read the membership at a date instead, once it is recorded.
"""


def member_counts(organisations, year):
    """{organisation id: members} of ``organisations`` in ``year``."""
    return {organisation.pk: organisation.member_count for organisation in organisations}


def own_members(total, children):
    """The members attached to an organisation itself: its ``total`` less its children's.
    Never below zero, when the children report more members than the organisation does."""
    return max(0, total - sum(children))
