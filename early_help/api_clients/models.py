"""Case-management systems (Liquidlogic EHM, Mosaic, Eclipse…) allowed to use the API.

A client sees the requests of its towns, exactly as a locality worker of those towns would
(nothing MASH holds), and the MASH queue only when it is the MASH team's own system.
Its token is shown once and only its hash is kept.
"""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..councils.models import sole_council_id
from ..localities.models import Locality

TOKEN_PREFIX = "fv_"  # noqa: S105 - a marker that makes leaked tokens easy to spot, not a secret


def token_hash(token: str) -> str:
    """Tokens are long random strings, so a plain SHA-256 is enough (no slow KDF needed)."""
    return hashlib.sha256(token.encode()).hexdigest()


def token_new() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


class ApiAccess(models.TextChoices):
    READ = "read", _("Read only")
    READ_WRITE = "read_write", _("Read and record")


class ApiClientQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class ApiClient(models.Model):
    name = models.CharField(
        _("name"), max_length=100, unique=True, help_text=_("The case system and who runs it.")
    )
    council = models.ForeignKey(
        "early_help.Council",
        null=True,
        on_delete=models.PROTECT,
        related_name="api_clients",
        verbose_name=_("council"),
        help_text=_("The council whose case system this is: it sees nothing of another's."),
    )
    localities = models.ManyToManyField(
        Locality,
        blank=True,
        related_name="api_clients",
        verbose_name=_("towns"),
        help_text=_("The towns whose requests this system may see."),
    )
    sees_mash_queue = models.BooleanField(
        _("sees the MASH queue"),
        default=False,
        help_text=_("Only for the MASH team's own case system."),
    )
    access = models.CharField(_("access"), max_length=20, choices=ApiAccess, default=ApiAccess.READ)
    rate_limit_per_minute = models.PositiveIntegerField(
        _("calls per minute"),
        default=120,
        help_text=_("Calls over this limit are refused with 429 until the minute is over."),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    token_hint = models.CharField(
        _("token starts"),
        max_length=12,
        editable=False,
        help_text=_("The first characters, so staff can tell tokens apart."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    token_rotated_at = models.DateTimeField(_("token last changed"), null=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    # The account the client acts as, so the staff queue's own services, permissions,
    # timeline and audit apply to it unchanged. It cannot sign in: no usable password,
    # no admin access, in no staff group (so nobody can assign a request to it).
    service_user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="api_client",
    )

    objects = ApiClientQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("API client")
        verbose_name_plural = _("API clients")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        # A client made without a council on a deployment of one council is that council's;
        # with several it sees nothing until an administrator chooses.
        if self.council_id is None:
            self.council_id = sole_council_id()
        super().save(*args, **kwargs)

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    @property
    def can_record(self) -> bool:
        return self.access == ApiAccess.READ_WRITE

    def scope_q(self) -> Q:
        """The requests this client may see: the same rule as `HelpRequestQuerySet.visible_to`
        for a locality worker of these towns, plus the MASH queue for MASH's own system,
        all within the client's council (a client with no council sees nothing)."""
        scope = Q(locality__in=self.localities.all(), in_mash_queue=False)
        if self.sees_mash_queue:
            scope |= Q(in_mash_queue=True) | Q(safeguarding_flag=True)
        return scope & Q(council_id=self.council_id) if self.council_id else Q(pk__in=[])
