"""Towns and neighbouring councils, kept up to date in Wagtail."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Locality, NeighbouringCouncil


class LocalityViewSet(SnippetViewSet):
    model = Locality
    icon = "site"
    menu_label = _("Localities")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "team_name", "phone"]
    search_fields = ["name", "team_name"]


class NeighbouringCouncilViewSet(SnippetViewSet):
    model = NeighbouringCouncil
    icon = "globe"
    menu_label = _("Neighbouring councils")
    list_display = ["name", "postcode_districts"]


register_snippet(LocalityViewSet)
register_snippet(NeighbouringCouncilViewSet)
