from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EarlyHelpConfig(AppConfig):
    name = "early_help"
    verbose_name = _("Early help")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from .staff_access.roles import roles_sync

        post_migrate.connect(roles_sync, sender=self)
