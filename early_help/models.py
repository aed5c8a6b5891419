from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel

from .postcodes import normalise_sector


class Locality(ClusterableModel):
    """One of Sandwell's six towns, with its early help team and the postcodes it covers."""

    name = models.CharField(
        _("town"), max_length=80, unique=True, help_text=_("For example Oldbury.")
    )
    slug = models.SlugField(
        unique=True, help_text=_("Used in addresses and reports. Lower case, no spaces.")
    )
    team_name = models.CharField(
        _("team name"),
        max_length=120,
        help_text=_("What families call the team, for example Oldbury Early Help Team."),
    )
    phone = models.CharField(
        _("team phone"),
        max_length=30,
        help_text=_("The number families ring, written as people read it: 0121 569 0000."),
    )
    email = models.EmailField(_("team email"), blank=True, help_text=_("Optional."))
    address = models.TextField(_("address"), blank=True, help_text=_("One line per line."))
    opening_hours = models.TextField(
        _("opening hours"), blank=True, help_text=_("For example Monday to Friday, 9am to 5pm.")
    )
    sort_order = models.PositiveSmallIntegerField(
        default=0, help_text=_("Lower numbers come first in lists of towns.")
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sort_order")], heading=_("Town")
        ),
        MultiFieldPanel(
            [
                FieldPanel("team_name"),
                FieldPanel("phone"),
                FieldPanel("email"),
                FieldPanel("address"),
                FieldPanel("opening_hours"),
            ],
            heading=_("Early help team"),
        ),
        InlinePanel("postcode_sectors", heading=_("Postcode sectors covered"), label=_("Sector")),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("locality")
        verbose_name_plural = _("localities")

    def __str__(self) -> str:
        return self.name


class PostcodeSector(models.Model):
    """A postcode sector ("B69 4") and the locality whose team serves it."""

    locality = ParentalKey(Locality, on_delete=models.CASCADE, related_name="postcode_sectors")
    sector = models.CharField(
        _("postcode sector"),
        max_length=8,
        unique=True,
        help_text=_("The postcode without its last two letters, for example B69 4."),
    )

    panels = [FieldPanel("sector")]

    class Meta:
        ordering = ["sector"]
        verbose_name = _("postcode sector")
        verbose_name_plural = _("postcode sectors")

    def __str__(self) -> str:
        return self.sector

    def save(self, *args, **kwargs) -> None:
        self.sector = normalise_sector(self.sector) or self.sector.strip().upper()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        normalised = normalise_sector(self.sector)
        if normalised is None:
            raise ValidationError(
                {
                    "sector": _(
                        "Enter a postcode sector like B69 4: the postcode without its last two letters."
                    )
                }
            )
        self.sector = normalised


class LocalityMembership(models.Model):
    """Which localities a member of staff works in. Scopes what they see in the queue."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="locality_memberships"
    )
    locality = models.ForeignKey(Locality, on_delete=models.CASCADE, related_name="memberships")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "locality"], name="unique_locality_membership")
        ]
        verbose_name = _("locality membership")

    def __str__(self) -> str:
        return f"{self.user} · {self.locality}"
