"""What the staff queue needs besides the requests themselves."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LeadAgency(models.Model):
    """An agency that can lead the work with a family: one per family at a time."""

    name = models.CharField(
        _("agency"), max_length=120, unique=True, help_text=_("For example Health visiting.")
    )
    active = models.BooleanField(
        _("in use"), default=True, help_text=_("Untick to stop offering it.")
    )
    sort_order = models.PositiveSmallIntegerField(default=0, help_text=_("Lower comes first."))

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("lead agency")
        verbose_name_plural = _("lead agencies")

    def __str__(self) -> str:
        return self.name
