"""Reports' own records: in-person events and attendance, questionnaires, member imports."""

from .events import EventAttendance, EventKind, TrainingEvent
from .feedback import RATING_FIELDS, Applied, FeedbackAnswer, FollowUpAnswer
from .imports import MemberImport

__all__ = [
    "RATING_FIELDS",
    "Applied",
    "EventAttendance",
    "EventKind",
    "FeedbackAnswer",
    "FollowUpAnswer",
    "MemberImport",
    "TrainingEvent",
]
