"""The answers many questions share, so "no" and "not sure" mean the same everywhere."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_SURE = "not_sure", _("I'm not sure")


YES_NO = [(Answer.YES.value, Answer.YES.label), (Answer.NO.value, Answer.NO.label)]
YES_NO_NOT_SURE = Answer.choices

# Someone unsure whether they are safe is treated as not safe (DESIGN.md rule 7).
UNSAFE_ANSWERS = frozenset({Answer.NO.value, Answer.NOT_SURE.value})
