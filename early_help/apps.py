from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EarlyHelpConfig(AppConfig):
    name = "early_help"
    verbose_name = _("Early help")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
        from wagtail.models import Site

        from .councils import signals as council_signals
        from .councils.models import Council, CouncilMembership
        from .councils.selectors import councils_forget
        from .staff_access.roles import roles_sync

        post_migrate.connect(roles_sync, sender=self)
        for model in (Council, Site):
            post_save.connect(councils_forget, sender=model, dispatch_uid=f"fv-councils-{model}")
            post_delete.connect(
                councils_forget, sender=model, dispatch_uid=f"fv-councils-{model}-del"
            )
        post_save.connect(council_signals.council_saved, sender=Council)
        post_save.connect(council_signals.membership_changed, sender=CouncilMembership)
        post_delete.connect(council_signals.membership_changed, sender=CouncilMembership)
        m2m_changed.connect(
            council_signals.user_groups_changed, sender=get_user_model().groups.through
        )
