"""Towns and neighbouring councils, kept up to date in Wagtail.

A council's locality data editors see and edit their own council's towns only; the
region's administrators (superusers) edit every council's. Neighbouring councils (outside
the region) are one list for the region.
"""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from ..councils.models import council_ids_of
from .models import Locality, NeighbouringCouncil


def _towns_in_scope(user, queryset):
    if user.is_active and user.is_superuser:
        return queryset
    return queryset.filter(council_id__in=council_ids_of(user))


class LocalityViewSet(SnippetViewSet):
    model = Locality
    icon = "site"
    menu_label = _("Localities")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "team_name", "phone"]
    search_fields = ["name", "team_name"]

    def get_queryset(self, request):
        return _towns_in_scope(request.user, Locality.objects.all())


class NeighbouringCouncilViewSet(SnippetViewSet):
    model = NeighbouringCouncil
    icon = "globe"
    menu_label = _("Neighbouring councils")
    list_display = ["name", "postcode_districts"]


register_snippet(LocalityViewSet)
register_snippet(NeighbouringCouncilViewSet)


def _out_of_scope(request, towns) -> bool:
    towns = [town for town in towns if isinstance(town, Locality)]
    return bool(towns) and _towns_in_scope(
        request.user, Locality.objects.filter(pk__in=[town.pk for town in towns])
    ).count() != len(towns)


@hooks.register("before_edit_snippet")
def keep_towns_to_their_council_on_edit(request, instance):
    if _out_of_scope(request, [instance]):
        raise Http404


@hooks.register("before_delete_snippet")
def keep_towns_to_their_council_on_delete(request, instances):
    if _out_of_scope(request, instances):
        raise Http404


@hooks.register("after_create_snippet")
def new_town_joins_its_editors_council(request, instance):
    """A town made by a council's editor is that council's (the region's administrators
    choose the council themselves)."""
    if isinstance(instance, Locality) and instance.council_id is None:
        councils = council_ids_of(request.user)
        if len(councils) == 1:
            instance.council_id = councils[0]
            instance.save(update_fields=["council"])
