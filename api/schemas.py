"""What the API answers with: plain schemas, named as the web pages name things."""

import datetime
from decimal import Decimal
from typing import Annotated

from django.urls import reverse
from ninja import Field, Path, Schema

# An object's id in an address: a positive 64-bit integer, as the database keeps them (a
# larger number is refused as invalid input, not looked up).
ObjectId = Annotated[int, Path(ge=1, le=2**63 - 1)]


class CourseOut(Schema):
    id: int
    title: str
    language: str
    summary: str
    level: str
    hours: int = Field(alias="estimated_hours")
    deadline: datetime.date | None
    url: str


class LessonOut(Schema):
    id: int
    title: str
    minutes: int = Field(alias="estimated_minutes")
    required: bool
    done: bool


class ModuleOut(Schema):
    id: int
    title: str
    lessons: list[LessonOut]


class TestOut(Schema):
    id: int
    role: str


class EnrolmentOut(Schema):
    course_id: int
    course_title: str = Field(alias="course.title")
    enrolled_at: datetime.datetime
    deadline: datetime.date | None
    completed_at: datetime.datetime | None
    lessons_done: int
    lessons_total: int
    percent: int = Field(alias="lessons_percent")
    final_score: Decimal | None


class CourseDetailOut(CourseOut):
    modules: list[ModuleOut]
    tests: list[TestOut]
    enrolment: EnrolmentOut | None


class LessonContentOut(Schema):
    id: int
    course_id: int
    title: str
    number: int
    total: int
    previous_id: int | None
    next_id: int | None
    done: bool
    body_html: str


class CertificateOut(Schema):
    serial: str
    kind: str
    title: str
    hours: int
    completed_on: datetime.date
    score: Decimal | None
    revoked: bool
    download_url: str
    verify_url: str

    @staticmethod
    def resolve_revoked(certificate):
        return certificate.revoked_at is not None

    @staticmethod
    def resolve_download_url(certificate):
        return reverse("certificates:download", args=[certificate.serial])

    @staticmethod
    def resolve_verify_url(certificate):
        return reverse("certificates:verify", args=[certificate.code])


class ProfileOut(Schema):
    email: str
    full_name: str
    language: str
    organisation: str | None
    category: str


class LanguageIn(Schema):
    language: str


class NotificationOut(Schema):
    id: int
    headline: str
    sentence: str
    created_at: datetime.datetime
    read: bool
    url: str


class WebinarOut(Schema):
    id: int
    title: str
    speaker: str
    language: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    places_left: int | None
    registered: bool
    join_url: str
    join_opens_at: datetime.datetime
    calendar_url: str


class MaterialOut(Schema):
    id: int
    title: str
    kind: str
    language: str
    summary: str
    url: str
    file_url: str
    video_url: str

    @staticmethod
    def resolve_file_url(material):
        return reverse("content:download", args=[material.pk]) if material.document_id else ""


class TestInfoOut(Schema):
    id: int
    course_id: int
    role: str
    question_count: int
    pass_mark: int
    time_limit_minutes: int | None
    attempts_left: int | None
    open_attempt_id: int | None
    refusal: str
    closes_at: datetime.datetime | None


class QuestionOut(Schema):
    position: int
    kind: str
    text_html: str
    options: list[str]
    items: list[str]
    choices: list[str]
    answer: int | list[int] | bool | str | dict[str, int] | None
    answered: bool


class AttemptOut(Schema):
    id: int
    test_id: int
    seconds_left: int | None
    questions: list[QuestionOut]


class AnswerIn(Schema):
    position: int
    value: int | list[int] | bool | str | dict[str, int] | None


class AnswersIn(Schema):
    answers: list[AnswerIn]


class ReviewedQuestionOut(Schema):
    position: int
    text_html: str
    own_answer: int | list[int] | bool | str | dict[str, int] | None = None
    mark: float | None = None
    right_answers: list[str] | None = None
    feedback_html: list[str] | None = None


class ResultOut(Schema):
    id: int
    test_id: int
    submitted_at: datetime.datetime | None
    awaiting_grading: bool
    score: Decimal | None = None
    passed: bool | None = None
    course_completed: bool
    questions: list[ReviewedQuestionOut]
    later: str


class MemberIn(Schema):
    name: str = Field(max_length=300, description="Surname, given name, patronymic.")
    email: str = Field(max_length=254)
    organisation: str = Field(max_length=300, description="The organisation's number or exact name.")
    category: str = Field("", max_length=100, description="A learner category's code or name; empty: member.")
    position: str | None = Field(None, max_length=255, description="Left as it is when absent.")


class MemberImportIn(Schema):
    members: list[MemberIn] = Field(min_length=1, max_length=5000)


class ImportErrorOut(Schema):
    index: int | None
    field: str
    message: str


class MemberImportOut(Schema):
    id: int
    status: str
    total: int
    new: int
    updated: int
    unchanged: int
    errors: list[ImportErrorOut]
