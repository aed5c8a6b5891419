"""The councils that run Family Voice on one deployment, each on its own Wagtail site.

Everything a family or a member of staff sees that differs between councils (its name,
numbers, towns, text sender, response targets, consent wording, retention) comes from
here or from the council's site settings; no council's name is written into code.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CouncilQuerySet(models.QuerySet):
    def for_site(self, site):
        return self.filter(site=site).first() if site is not None else None

    def of(self, user):
        """The councils a member of staff works for (see `council_ids_of`)."""
        return self.filter(pk__in=council_ids_of(user))


def council_ids_of(user) -> list[int]:
    """The ids of the councils a member of staff works for: those they are a member of,
    and their towns' councils, in one query. On a deployment of one council, staff who
    belong to none (made before councils, or without choosing) are that council's; with
    several they belong to none until an administrator says. Superusers are the region's
    administrators and see everything whatever this says."""
    if not user.is_authenticated or not user.is_active:
        return []
    ids = set(
        Council.objects.filter(
            models.Q(memberships__user=user) | models.Q(localities__memberships__user=user)
        ).values_list("pk", flat=True)
    )
    if not ids:
        sole = sole_council_id()
        return [sole] if sole is not None else []
    return sorted(ids)


def sole_council_id() -> int | None:
    """The council of a deployment that has exactly one, else None. A record that says
    no council (made before councils, or by a path that does not know the site) belongs
    to it; with several councils such a record is the region administrators' alone."""
    ids = list(Council.objects.values_list("pk", flat=True)[:2])
    return ids[0] if len(ids) == 1 else None


class Council(models.Model):
    name = models.CharField(
        _("name"),
        max_length=120,
        unique=True,
        help_text=_("The council's full name, as families read it."),
    )
    short_name = models.CharField(
        _("short name"),
        max_length=60,
        help_text=_("How families name the area: shown in the header and in messages."),
    )
    slug = models.SlugField(unique=True, help_text=_("Lower case, no spaces."))
    site = models.OneToOneField(
        "wagtailcore.Site",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="council",
        verbose_name=_("site"),
        help_text=_("The council's own public site: its own domain, or a path for a pilot."),
    )
    contact_phone = models.CharField(
        _("early help phone"),
        max_length=30,
        blank=True,
        help_text=_("The number families ring about a request, written as people read it."),
    )
    brand_colour = models.CharField(
        _("brand colour"),
        max_length=7,
        default="#1d70b8",
        help_text=_("The header's colour, as #rrggbb. Keep white text readable on it."),
    )
    sms_sender = models.CharField(
        _("text sender"),
        max_length=40,
        blank=True,
        help_text=_(
            "The council's own Twilio number (+44…) or messaging service (MG…). Blank uses "
            "the deployment's default sender."
        ),
    )
    first_contact_working_days = models.PositiveSmallIntegerField(
        _("working days to first contact"),
        default=2,
        help_text=_("How soon a town's team promises to contact a family."),
    )
    mash_triage_working_days = models.PositiveSmallIntegerField(
        _("working days for MASH to look"),
        default=1,
        help_text=_("How soon MASH duty looks at an urgent request."),
    )
    consent_wording = models.TextField(
        _("consent wording"),
        blank=True,
        help_text=_("What families agree to when they share their request. Blank uses ours."),
    )
    consent_wording_version = models.CharField(
        _("consent wording version"),
        max_length=20,
        blank=True,
        help_text=_("Change it whenever the wording changes: each request records it."),
    )
    retention_days_help_requests = models.PositiveIntegerField(
        _("days to keep closed requests"),
        null=True,
        blank=True,
        help_text=_("Blank uses the deployment's setting."),
    )
    retention_days_texts = models.PositiveIntegerField(
        _("days to keep texts"),
        null=True,
        blank=True,
        help_text=_("Blank uses the deployment's setting."),
    )
    retention_days_feedback = models.PositiveIntegerField(
        _("days to keep feedback"),
        null=True,
        blank=True,
        help_text=_("Blank uses the deployment's setting."),
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    objects = CouncilQuerySet.as_manager()

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("council")
        verbose_name_plural = _("councils")

    def __str__(self) -> str:
        return self.name

    def retention_days(self, what: str) -> int:
        """Days to keep `what` ("help_requests", "texts", "feedback") for this council."""
        own = getattr(self, f"retention_days_{what}")
        return (
            own
            if own is not None
            else getattr(settings, f"FAMILY_VOICE_RETENTION_DAYS_{what.upper()}")
        )


class CouncilMembership(models.Model):
    """Which council a member of staff works for. Locality staff belong to their towns'
    council as well; region-wide staff hold the region role instead."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="council_memberships"
    )
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="memberships")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "council"], name="unique_council_membership")
        ]
        verbose_name = _("council membership")

    def __str__(self) -> str:
        return f"{self.user} · {self.council}"
