from .courses import Audience, CourseIndexPage, CoursePage, LessonPage, Level, ModulePage, Tier, Topic
from .enrolments import BulkEnrolment, Enrolment, LessonProgress
from .lockouts import LoginLockout
from .organisations import Organisation, OrganisationKind
from .paths import LearningPath, LearningPathStep
from .profiles import LearnerCategory, LearnerProfile
from .users import User

__all__ = [
    "Audience",
    "BulkEnrolment",
    "CourseIndexPage",
    "CoursePage",
    "Enrolment",
    "LearnerCategory",
    "LearnerProfile",
    "LearningPath",
    "LearningPathStep",
    "LessonPage",
    "LessonProgress",
    "LoginLockout",
    "Level",
    "ModulePage",
    "Organisation",
    "OrganisationKind",
    "Tier",
    "Topic",
    "User",
]
