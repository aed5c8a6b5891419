from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Public pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from early_help.feedback import selectors

        selectors.feedback_link_url_builder = feedback_link_url

        from .page_cache import connect_page_cache_invalidation

        connect_page_cache_invalidation()


def feedback_link_url(link) -> str | None:
    from django.conf import settings

    from early_help.shared.urls import subpage_url

    from .models import FeedbackPage

    page = FeedbackPage.objects.live().first()
    if page is None:
        return None
    return settings.PUBLIC_BASE_URL + subpage_url(page, "link", link.token)
