"""What a learner sees of a test she is taking, and how her answers are read: by the web
page's form and, in the same words, by the API."""

from dataclasses import dataclass

from django.http import QueryDict

from .question_types.matching import Matching, items_to_match


@dataclass
class ShownQuestion:
    """What the browser may see of a drawn question: text and options, never credits."""

    item: object
    options: list
    matches: list

    @property
    def question(self):
        return self.item.question

    @property
    def field(self):
        return f"q{self.item.position}"

    @property
    def chosen(self):
        """The saved answer, as a list of option ids for the choice kinds."""
        answer = self.item.answer
        if isinstance(answer, list):
            return answer
        return [answer] if answer is not None else []

    @property
    def is_matching(self):
        return isinstance(self.question.question_type, Matching)

    @property
    def items(self):
        """Matching: the left-hand items (not the distractors), in the order shown."""
        return items_to_match(self.options)

    @property
    def match_rows(self):
        """Matching: each left-hand item with the id of the right-hand option chosen."""
        answer = self.item.answer if isinstance(self.item.answer, dict) else {}
        return [(option, answer.get(str(option.pk))) for option in items_to_match(self.options)]

    @property
    def matched(self):
        """For the review: each left item with the right-hand option the learner chose."""
        by_id = {option.pk: option for option in self.matches}
        return [(option, by_id.get(chosen)) for option, chosen in self.match_rows]

    @property
    def chosen_feedback(self):
        """The feedback the learner's answer earns (safe HTML): of the options chosen, of
        the short or numeric answer matched, for a right or wrong true/false answer."""
        return self.question.question_type.feedback(self)

    @property
    def right_answers(self):
        """Short answer and numeric kinds: the fully right answers as text."""
        return self.question.question_type.right_answers(self.question)


def shown_questions(items):
    """The drawn questions of an attempt (its items with their questions and options
    loaded) as the learner sees them, options in the attempt's own order."""
    shown = []
    for item in items:
        by_id = {option.pk: option for option in item.question.options.all()}
        shown.append(ShownQuestion(
            item,
            [by_id[pk] for pk in item.option_order if pk in by_id],
            [by_id[pk] for pk in item.match_order if pk in by_id],
        ))
    return shown


def answer_from(post, shown):
    """The answer to one question as the form sent it, in the shape scoring expects."""
    return shown.question.question_type.answer_from(post, shown)


def answer_from_value(shown, value):
    """The answer to one question given as a value instead of a form: an option's place
    in the order shown (an int), several places (a list), true or false, a text, or for
    matching {place of the left item: place of its match}. Read by the question type's own
    form reading, so the API accepts exactly what the page does; None when it means no answer."""
    data = QueryDict(mutable=True)
    if isinstance(value, bool):
        data[shown.field] = "true" if value else "false"
    elif isinstance(value, list):
        data.setlist(shown.field, [str(item) for item in value])
    elif isinstance(value, dict):
        for left, right in value.items():
            data[f"{shown.field}-{left}"] = str(right)
    elif value is not None:
        data[shown.field] = str(value)
    return answer_from(data, shown)


def value_of(shown):
    """The saved answer in the words ``answer_from_value`` reads: places, not option ids."""
    answer = shown.item.answer
    places = {option.pk: place for place, option in enumerate(shown.options)}
    if isinstance(answer, dict):
        items = {str(option.pk): place for place, option in enumerate(items_to_match(shown.options))}
        matches = {option.pk: place for place, option in enumerate(shown.matches)}
        return {str(items[left]): matches[right] for left, right in answer.items()
                if left in items and right in matches}
    if isinstance(answer, list):
        return [places[pk] for pk in answer if pk in places]
    if isinstance(answer, int) and not isinstance(answer, bool) and shown.options:
        return places.get(answer)
    return answer


def right_answer_texts(shown):
    """The fully right answers as text, for a review allowed to show them: the right
    options, "left → right" pairs, true or false, or the accepted answers."""
    question = shown.question
    if question.true_false_answer is not None and not shown.options:
        return [str(question.true_false_answer).lower()]
    if shown.is_matching:
        return [f"{option.text} → {option.match}" for option in shown.items]
    # A fully right option (single choice), else the options that together are the whole
    # answer (multiple choice: each carries its share).
    right = ([option.text for option in shown.options if option.fraction >= 1 and option.text]
             or [option.text for option in shown.options if option.fraction > 0 and option.text])
    return right or [str(answer) for answer in question.question_type.right_answers(question)]
