"""Staff roles. Each is a Django group; locality scope comes from LocalityMembership."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StaffRole(models.TextChoices):
    LOCALITY_WORKER = "Locality worker", _("Locality worker")
    LOCALITY_MANAGER = "Locality manager", _("Locality manager")
    MASH_DUTY = "MASH duty", _("MASH duty")
    SERVICE_MANAGER = "Service manager", _("Service manager")
    COMMS_EDITOR = "Comms editor", _("Comms editor")
    ADMINISTRATOR = "Administrator", _("Administrator")
