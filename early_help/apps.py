from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EarlyHelpConfig(AppConfig):
    name = "early_help"
    verbose_name = _("Early help")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_migrate, post_save
        from wagtail.models import Site

        from .councils.models import Council
        from .councils.selectors import councils_forget
        from .staff_access.roles import roles_sync

        post_migrate.connect(roles_sync, sender=self)
        for model in (Council, Site):
            post_save.connect(councils_forget, sender=model, dispatch_uid=f"fv-councils-{model}")
            post_delete.connect(
                councils_forget, sender=model, dispatch_uid=f"fv-councils-{model}-del"
            )
