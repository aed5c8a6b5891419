"""Towns, the postcode sectors their teams cover, and the councils next door."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel

from ..shared.postcodes import normalise_sector


class Locality(ClusterableModel):
    """A town of a council, with its early help team and the postcode sectors it covers."""

    council = models.ForeignKey(
        "early_help.Council",
        null=True,
        on_delete=models.PROTECT,
        related_name="localities",
        verbose_name=_("council"),
        help_text=_("The council whose early help team this is."),
    )
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


class NeighbouringCouncil(models.Model):
    """A council outside the region, where we send families whose postcode is not ours."""

    name = models.CharField(
        _("council"), max_length=120, help_text=_("The council's name, as families know it.")
    )
    website = models.URLField(
        _("early help web page"), help_text=_("Where a family asks for help there.")
    )
    phone = models.CharField(_("phone"), max_length=30, blank=True, help_text=_("Optional."))
    postcode_districts = models.CharField(
        _("postcode districts"),
        max_length=500,
        help_text=_(
            "The start of the postcodes it covers, separated by commas, for example DY1, DY2, B62."
        ),
    )
    sort_order = models.PositiveSmallIntegerField(default=0, help_text=_("Lower comes first."))

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("neighbouring council")
        verbose_name_plural = _("neighbouring councils")

    def __str__(self) -> str:
        return self.name

    @property
    def districts(self) -> set[str]:
        return {d.strip().upper() for d in self.postcode_districts.split(",") if d.strip()}
