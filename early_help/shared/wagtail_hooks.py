"""The urgent phrases list, edited in Wagtail."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import UrgentPhrase


class UrgentPhraseViewSet(SnippetViewSet):
    model = UrgentPhrase
    icon = "warning"
    menu_label = _("Urgent phrases")
    list_display = ["phrase", "active"]
    list_filter = ["active"]


register_snippet(UrgentPhraseViewSet)
