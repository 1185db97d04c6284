from lms.completion import completion_grade, completion_requirement, result_annotation
from lms.steps import step_before_lessons

from . import services


def connect():
    # The course is complete only once its post-test is passed (lms asks, we answer), its
    # grade is the best passed score, and "My learning" shows the best post-test score. A
    # learner who enrols is offered the pre-test before the lessons.
    completion_requirement(services.post_test_blocker)
    completion_grade(services.final_test_score)
    result_annotation(services.annotate_post_test_score)
    step_before_lessons(services.pre_test_step)
