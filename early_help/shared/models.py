"""Editable lists the shared rules read."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UrgentPhrase(models.Model):
    """Words that, written anywhere in a family's own words, send the request to MASH duty."""

    phrase = models.CharField(
        _("phrase"),
        max_length=100,
        unique=True,
        help_text=_("Matched without regard to capitals, as whole words: for example 'hit me'."),
    )
    active = models.BooleanField(
        _("in use"), default=True, help_text=_("Untick to stop matching it.")
    )

    class Meta:
        ordering = ["phrase"]
        verbose_name = _("urgent phrase")
        verbose_name_plural = _("urgent phrases")

    def __str__(self) -> str:
        return self.phrase
