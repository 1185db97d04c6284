from .organisations import Organisation, OrganisationKind
from .profiles import LearnerCategory, LearnerProfile
from .users import User

__all__ = [
    "LearnerCategory",
    "LearnerProfile",
    "Organisation",
    "OrganisationKind",
    "User",
]
