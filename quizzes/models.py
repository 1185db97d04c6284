"""Question banks, tests attached to courses, and learners' attempts."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from lms.models import CoursePage, Topic
from lms.models.bilingual import Bilingual

from . import question_types
from .formats import TextFormat, to_html


class QuestionBank(models.Model):
    title = models.CharField(_("title"), max_length=255)
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), null=True, blank=True, on_delete=models.SET_NULL
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("question bank")
        verbose_name_plural = _("question banks")

    def __str__(self):
        return self.title


class Question(ClusterableModel):
    """A question in Russian and Kazakh, of one of the registered kinds
    (``quizzes.question_types``). Choice and matching questions keep their answers as
    options; short-answer, true/false and numeric ones in the fields below."""

    bank = models.ForeignKey(
        QuestionBank, verbose_name=_("bank"), on_delete=models.CASCADE, related_name="questions"
    )
    kind = models.CharField(
        _("kind"), max_length=question_types.KIND_LENGTH, choices=question_types.choices
    )
    title = models.CharField(_("title"), max_length=255, blank=True)
    text_ru = models.TextField(_("question in Russian"), blank=True)
    text_kk = models.TextField(_("question in Kazakh"), blank=True)
    feedback_ru = models.TextField(_("feedback in Russian"), blank=True)
    feedback_kk = models.TextField(_("feedback in Kazakh"), blank=True)
    true_false_answer = models.BooleanField(_("the statement is true"), null=True, blank=True)
    accepted_answers = models.TextField(
        _("accepted answers"), blank=True,
        help_text=_("Short answer: one accepted answer per line; case and spaces are ignored."),
    )
    numeric_answer = models.FloatField(_("right number"), null=True, blank=True)
    tolerance = models.FloatField(_("tolerance"), default=0)
    text_format = models.CharField(
        _("text format"), max_length=8, choices=TextFormat.choices, default=TextFormat.PLAIN,
        help_text=_("How the question, its answers and feedback are written; a GIFT file "
                    "gives it with [html], [markdown], [plain] or [moodle]."),
    )
    right_feedback_ru = models.TextField(_("feedback for a right answer in Russian"), blank=True)
    right_feedback_kk = models.TextField(_("feedback for a right answer in Kazakh"), blank=True)
    wrong_feedback_ru = models.TextField(_("feedback for a wrong answer in Russian"), blank=True)
    wrong_feedback_kk = models.TextField(_("feedback for a wrong answer in Kazakh"), blank=True)

    panels = [
        FieldPanel("bank"),
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("text_format"),
        FieldPanel("text_ru"),
        FieldPanel("text_kk"),
        InlinePanel(
            "options",
            label=_("options (choice), pairs (matching) or answers with their credit "
                    "(short answer, numeric)"),
        ),
        MultiFieldPanel(
            [FieldPanel("true_false_answer"), FieldPanel("accepted_answers"),
             FieldPanel("numeric_answer"), FieldPanel("tolerance")],
            heading=_("Answer for other kinds"),
        ),
        FieldPanel("feedback_ru"),
        FieldPanel("feedback_kk"),
        MultiFieldPanel(
            [FieldPanel("right_feedback_ru"), FieldPanel("right_feedback_kk"),
             FieldPanel("wrong_feedback_ru"), FieldPanel("wrong_feedback_kk")],
            heading=_("Feedback by answer (true or false)"),
        ),
    ]

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.title or self.text[:60]

    text = Bilingual()
    feedback = Bilingual()
    right_feedback = Bilingual()
    wrong_feedback = Bilingual()

    @property
    def text_html(self):
        """The question in the active language, as safe HTML in its format."""
        return to_html(self.text, self.text_format)

    @property
    def feedback_html(self):
        return to_html(self.feedback, self.text_format)

    @property
    def right_feedback_html(self):
        return to_html(self.right_feedback, self.text_format)

    @property
    def wrong_feedback_html(self):
        return to_html(self.wrong_feedback, self.text_format)

    @property
    def question_type(self):
        """The registered ``QuestionType`` of this question's kind."""
        return question_types.get(self.kind)

    def accepted_list(self):
        return [line.strip() for line in self.accepted_answers.splitlines() if line.strip()]


class Option(Orderable):
    """A choice (with the credit for choosing it) or, for matching, a left-right pair."""

    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="options")
    text_ru = models.CharField(_("text in Russian"), max_length=500, blank=True)
    text_kk = models.CharField(_("text in Kazakh"), max_length=500, blank=True)
    fraction = models.FloatField(
        _("credit"), default=0,
        help_text=_("1 for a right answer, 0 for a wrong one; a share such as 0.5 or -0.5 "
                    "for multiple choice."),
    )
    match_ru = models.CharField(_("matching answer in Russian"), max_length=500, blank=True)
    match_kk = models.CharField(_("matching answer in Kazakh"), max_length=500, blank=True)
    feedback_ru = models.TextField(_("feedback in Russian"), blank=True)
    feedback_kk = models.TextField(_("feedback in Kazakh"), blank=True)
    # A numeric question's answer: number ± tolerance, or the range number..number_to;
    # an answer without a number is "any other number".
    number = models.FloatField(_("number (numeric)"), null=True, blank=True)
    tolerance = models.FloatField(_("tolerance (numeric)"), default=0)
    number_to = models.FloatField(
        _("up to (numeric range)"), null=True, blank=True,
        help_text=_("Numeric: fill in for a range from the number up to this one."),
    )

    def __str__(self):
        return self.text

    text = Bilingual()
    match = Bilingual()
    feedback = Bilingual()

    @property
    def text_html(self):
        """The option in the active language, as safe HTML in its question's format, for
        a line of its own (a choice's label)."""
        return to_html(self.text, self.question.text_format, inline=True)

    @property
    def feedback_html(self):
        return to_html(self.feedback, self.question.text_format)


class Quiz(ClusterableModel):
    """A test attached to a course: a pre-test measures the start, a post-test gates
    completion. Each attempt draws its questions at random from the banks."""

    class Role(models.TextChoices):
        PRE = "pre", _("Pre-test (diagnostic)")
        POST = "post", _("Post-test (gates completion)")

    class Layout(models.TextChoices):
        ONE_PER_PAGE = "one", _("One question per screen")
        ALL = "all", _("All questions on one page")

    course = models.ForeignKey(
        CoursePage, verbose_name=_("course"), on_delete=models.CASCADE, related_name="quizzes"
    )
    role = models.CharField(pgettext_lazy("a test before or after the course", "role"), max_length=8,
                            choices=Role.choices)
    banks = ParentalManyToManyField(QuestionBank, verbose_name=_("question banks"))
    question_count = models.PositiveSmallIntegerField(_("questions per attempt"), default=10)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark, %"), default=70, help_text=_("Post-test only: the score needed to pass.")
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit, minutes"), null=True, blank=True
    )
    attempt_limit = models.PositiveSmallIntegerField(_("attempts allowed"), null=True, blank=True)
    layout = models.CharField(
        _("layout"), max_length=8, choices=Layout.choices, default=Layout.ALL
    )
    closes_at = models.DateTimeField(
        _("test closes at"), null=True, blank=True,
        help_text=_("After this moment no attempt can be started and an attempt in "
                    "progress ends; result pages then show what is set for the final "
                    "review. Leave empty to keep the test open."),
    )
    # What the result page shows (as Moodle's review options, at two moments). Right after
    # an attempt, while another may still be started, right answers are never shown: the
    # next attempt draws mostly the same questions. quizzes.services.review_for decides.
    review_open_answers = models.BooleanField(_("the learner's own answers"), default=True)
    review_open_marks = models.BooleanField(
        _("marks: the score, the mark of each question, passed or not"), default=True
    )
    review_open_feedback = models.BooleanField(_("feedback"), default=False)
    review_final_answers = models.BooleanField(_("the learner's own answers"), default=True)
    review_final_marks = models.BooleanField(
        _("marks: the score, the mark of each question, passed or not"), default=True
    )
    review_final_right_answers = models.BooleanField(_("right answers"), default=True)
    review_final_feedback = models.BooleanField(_("feedback"), default=True)

    panels = [
        FieldPanel("course"),
        FieldPanel("role"),
        FieldPanel("banks"),
        FieldPanel("question_count"),
        FieldPanel("pass_mark"),
        FieldPanel("time_limit_minutes"),
        FieldPanel("attempt_limit"),
        FieldPanel("layout"),
        FieldPanel("closes_at"),
        MultiFieldPanel(
            [FieldPanel("review_open_answers"), FieldPanel("review_open_marks"),
             FieldPanel("review_open_feedback")],
            heading=_("Review right after the attempt, while attempts remain"),
            help_text=_("What the learner sees after submitting an attempt while they may "
                        "still start another. Right answers are never shown at this moment: "
                        "the next attempt draws mostly the same questions. Feedback that "
                        "names the right answer gives it away as well."),
        ),
        MultiFieldPanel(
            [FieldPanel("review_final_answers"), FieldPanel("review_final_marks"),
             FieldPanel("review_final_right_answers"), FieldPanel("review_final_feedback")],
            heading=_("Review once no attempt remains, the test is passed or it has closed"),
            help_text=_("What the learner sees once they have used all their attempts, have "
                        "passed the final test, or the test has closed. A test before the "
                        "course that draws on the final test's banks should show neither "
                        "right answers nor feedback."),
        ),
    ]

    class Meta:
        verbose_name = _("test")
        verbose_name_plural = _("tests")
        constraints = [
            models.UniqueConstraint(fields=["course", "role"], name="one_test_per_role")
        ]

    def __str__(self):
        return f"{self.course} · {self.get_role_display()}"


# Submitted, its score waiting for a person to grade an answer (an essay).
AWAITS_GRADING = Q(submitted_at__isnull=False, score__isnull=True)


class AttemptQuerySet(models.QuerySet):
    def submitted(self):
        return self.filter(submitted_at__isnull=False)

    def awaiting_grading(self):
        """Submitted attempts whose score waits for a person to grade an answer."""
        return self.filter(AWAITS_GRADING)


class Attempt(models.Model):
    quiz = models.ForeignKey(Quiz, on_delete=models.CASCADE, related_name="attempts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts"
    )
    number = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(null=True)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["quiz", "user", "number"], name="attempt_number_once"),
            # One open attempt per learner and test, whatever races there are.
            models.UniqueConstraint(
                fields=["quiz", "user"], condition=Q(submitted_at__isnull=True),
                name="one_open_attempt",
            ),
        ]
        indexes = [models.Index(fields=["user", "quiz", "submitted_at"])]

    def __str__(self):
        return f"{self.user} · {self.quiz} · {self.number}"

    @property
    def is_open(self):
        return self.submitted_at is None

    @property
    def awaits_grading(self):
        """Submitted, but its score and pass or fail wait for a person to grade an answer
        (an essay): ``services.conclude`` decides them once every answer has its credit."""
        return self.submitted_at is not None and self.score is None

    @property
    def ends_at(self):
        """When the attempt stops taking answers: at its time limit, and at the latest when
        the test closes (read from the test, so a closing time set later counts too)."""
        ends = [end for end in (self.expires_at, self.quiz.closes_at) if end is not None]
        return min(ends, default=None)

    def has_expired(self, now=None):
        ends_at = self.ends_at
        return ends_at is not None and (now or timezone.now()) >= ends_at

    def seconds_left(self, now=None):
        """Whole seconds until ``ends_at`` (0 once it has passed), or None without an end:
        the attempt page's countdown starts from it, so a reload shows the right time."""
        ends_at = self.ends_at
        if ends_at is None:
            return None
        return max(0, int((ends_at - (now or timezone.now())).total_seconds()))


class AttemptQuestion(models.Model):
    """One drawn question of an attempt, with the option order shown and the answer saved."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()
    option_order = models.JSONField(default=list)
    match_order = models.JSONField(default=list)
    answer = models.JSONField(null=True, blank=True)
    # The credit earned, 0 to 1; None before submission, and after it while a person has
    # still to grade the answer.
    score = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "position"], name="one_item_per_position")
        ]

    def __str__(self):
        return f"{self.attempt_id}#{self.position}"
