from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Locality


class LocalityViewSet(SnippetViewSet):
    model = Locality
    icon = "site"
    menu_label = _("Localities")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "team_name", "phone"]
    search_fields = ["name", "team_name"]


register_snippet(LocalityViewSet)
