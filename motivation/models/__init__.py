from .badges import Award, BadgeRule, RuleKind
from .budgets import TrainingBudget
from .leading import MemberNotice
from .mentoring import Mentorship
from .plans import ONLINE_FORMS, PlanForm, PlanItem, TrainingPlan
from .surveys import NeedsSurvey, PreferredFormat, PreferredTime, SurveyResponse

__all__ = [
    "ONLINE_FORMS",
    "Award",
    "BadgeRule",
    "MemberNotice",
    "Mentorship",
    "NeedsSurvey",
    "PlanForm",
    "PlanItem",
    "PreferredFormat",
    "PreferredTime",
    "RuleKind",
    "SurveyResponse",
    "TrainingBudget",
    "TrainingPlan",
]
