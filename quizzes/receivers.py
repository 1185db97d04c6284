from lms.completion import (
    completion_grade,
    completion_requirement,
    result_annotation,
)
from lms.steps import step_after_lessons, step_before_lessons

from . import after_lessons, services


def connect():
    # The course is complete only once its post-test is passed (lms asks, we answer), its
    # grade is the best passed score, and "My learning" shows the best post-test score. A
    # learner who enrols is offered the pre-test before the lessons.
    completion_requirement(services.post_test_blocker)
    completion_grade(services.final_test_score)
    result_annotation(services.annotate_post_test_score)
    # "My learning" sends a learner whose lessons are all done to the post-test.
    step_after_lessons(after_lessons.annotate_post_test, after_lessons.take_post_test)
    step_before_lessons(services.pre_test_step)
