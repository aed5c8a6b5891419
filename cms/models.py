from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.search import index

from early_help.asking_for_help import views as request_help
from early_help.feedback import views as feedback_journey
from early_help.shared.urls import subpage_url
from early_help.tracking import views as tracking

from .blocks import RICH_TEXT_FEATURES, BodyBlock, FamilyHubBlock, FooterLinkBlock
from .page_cache import allow_public_cache


class LeanPageMixin:
    """Serving a page reads the site's view restrictions once, not once per question.

    Wagtail checks a page's restrictions (two queries) and every `.public()` listing reads
    them again (one query each). A site that restricts nothing, like ours, can tell that
    from one query; when any restriction exists, Wagtail's own check runs unchanged.
    """

    def site_view_restrictions(self) -> list[PageViewRestriction]:
        # Kept on this instance: Wagtail's check, get_context and the template tags all see
        # the page being served, and a page instance lives for one request.
        if "_fv_site_view_restrictions" not in self.__dict__:
            self._fv_site_view_restrictions = list(
                PageViewRestriction.objects.select_related("page").only(
                    "id", "page__id", "page__path", "page__depth"
                )
            )
        return self._fv_site_view_restrictions

    def get_view_restrictions(self):
        if not self.site_view_restrictions():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()

    def public_q(self) -> Q:
        """Pages no restriction covers: Wagtail's `.public()` without its query."""
        private = Q()
        for restriction in self.site_view_restrictions():
            restricted = restriction.page
            private |= Q(path__startswith=restricted.path, depth__gte=restricted.depth)
        return ~private if private else Q()


class PublicPageMixin(LeanPageMixin):
    """A page whose public view is the same for every anonymous visitor: it may be cached.

    The page cache (cms/page_cache.py) still refuses it for anyone with a session, a
    signed-in editor, a preview, or a response that set a cookie or used a CSRF token.
    """

    def serve(self, request, *args, **kwargs):
        return allow_public_cache(super().serve(request, *args, **kwargs))


@register_setting(icon="phone")
class SiteSettings(BaseSiteSetting):
    """Contact numbers and safety settings shown on every public page.

    Numbers that save lives live here, not in templates, so comms staff can correct them
    the day they change.
    """

    # MASH duty's opening hours and alerts are early_help.MashDutySettings: the site decides
    # from them whether to promise a look today or to give the emergency duty team.
    mash_phone = models.CharField(
        _("MASH phone"),
        max_length=30,
        default="0121 496 0000",
        help_text=_(
            "The Multi-Agency Safeguarding Hub: for anyone worried a child is being harmed."
        ),
    )
    out_of_hours_phone = models.CharField(
        _("out-of-hours phone"),
        max_length=30,
        default="0121 496 0001",
        help_text=_("The emergency duty team, for evenings, weekends and bank holidays."),
    )
    childline_phone = models.CharField(
        _("Childline"),
        max_length=30,
        default="0800 1111",
        help_text=_("Free, confidential help for children and young people."),
    )
    domestic_abuse_helpline_phone = models.CharField(
        _("National Domestic Abuse Helpline"),
        max_length=30,
        default="0808 2000 247",
        help_text=_("Free, 24 hours a day."),
    )
    quick_exit_url = models.URLField(
        _("'Exit this page' destination"),
        default="https://www.bbc.co.uk/weather",
        help_text=_(
            "A neutral website people land on when they press 'Exit this page'. "
            "Choose one that would not look out of place on a shared phone."
        ),
    )
    professional_referral_url = models.URLField(
        _("professional referral route"),
        blank=True,
        default="https://www.sandwell.gov.uk/",
        help_text=_("Where professionals make a referral. This portal is for families."),
    )
    footer_text = RichTextField(
        _("footer text"),
        blank=True,
        features=["bold", "link"],
        help_text=_("A short line at the foot of every page, for example who runs the service."),
    )
    footer_links = StreamField(
        [("link", FooterLinkBlock())],
        blank=True,
        verbose_name=_("footer links"),
        help_text=_("Privacy, accessibility, cookies and contact pages."),
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("mash_phone"),
                FieldPanel("out_of_hours_phone"),
                FieldPanel("childline_phone"),
                FieldPanel("domestic_abuse_helpline_phone"),
            ],
            heading=_("Phone numbers"),
        ),
        MultiFieldPanel(
            [FieldPanel("quick_exit_url"), FieldPanel("professional_referral_url")],
            heading=_("Safety and signposting"),
        ),
        MultiFieldPanel(
            [FieldPanel("footer_text"), FieldPanel("footer_links")], heading=_("Footer")
        ),
    ]

    class Meta:
        verbose_name = _("site settings")


class HomePage(PublicPageMixin, Page):
    """The front door: what the service is, and the ways in."""

    lead = models.TextField(
        _("lead paragraph"),
        help_text=_("One or two sentences under the main heading: who this is for."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("lead"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The town pages, the "ask for help" page and the pages comms show in menus, in one
        # query: the links need only each page's title and address, on the base Page row.
        locality_type = ContentType.objects.get_for_model(LocalityPage).id
        request_help_type = ContentType.objects.get_for_model(RequestHelpPage).id
        linked = list(
            Page.objects.live()
            .filter(self.public_q())
            .descendant_of(self)
            .filter(
                Q(content_type_id__in=[locality_type, request_help_type])
                | Q(show_in_menus=True, depth=self.depth + 1)
            )
            .select_related("locale")
            .order_by("title")
        )
        context["locality_pages"] = [p for p in linked if p.content_type_id == locality_type]
        context["request_help_page"] = next(
            (
                page
                for page in linked
                if page.content_type_id == request_help_type and page.depth == self.depth + 1
            ),
            None,
        )
        # The menu_links tag uses these rather than asking again (cms_tags.menu_links).
        request._fv_menu_pages = (
            self.pk,
            sorted(
                (p for p in linked if p.show_in_menus and p.depth == self.depth + 1),
                key=lambda page: page.path,
            ),
        )
        return context


class StandardPage(PublicPageMixin, Page):
    """Any page of information, composed from GOV.UK blocks."""

    lead = models.TextField(
        _("lead paragraph"), blank=True, help_text=_("Optional summary under the heading.")
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("lead"), index.SearchField("body")]

    class Meta:
        verbose_name = _("standard page")


class LocalityPage(PublicPageMixin, Page):
    """The page for one town's early help team: who they are and how to reach them."""

    locality = models.ForeignKey(
        "early_help.Locality",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("town"),
        help_text=_("The team's phone, address and opening hours come from the town's record."),
    )
    lead = models.TextField(_("lead paragraph"), help_text=_("Who the team is and what it does."))
    family_hubs = StreamField(
        [("hub", FamilyHubBlock())], blank=True, verbose_name=_("family hubs")
    )
    how_to_get_there = RichTextField(
        _("how to get there"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Buses, trams, parking, step-free access."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("more information"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("locality"),
        FieldPanel("lead"),
        FieldPanel("family_hubs"),
        FieldPanel("how_to_get_there"),
        FieldPanel("body"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("lead"),
        index.SearchField("how_to_get_there"),
        index.SearchField("family_hubs"),
    ]

    parent_page_types = ["cms.HomePage", "cms.StandardPage"]

    class Meta:
        verbose_name = _("locality page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        home = HomePage.objects.ancestor_of(self).last()
        context["request_help_page"] = (
            RequestHelpPage.objects.live().public().child_of(home).first() if home else None
        )
        return context


class GetHelpNowPage(PublicPageMixin, Page):
    """Who to call right now. The numbers come from site settings so they are always current."""

    lead = models.TextField(_("lead paragraph"), help_text=_("One sentence: if you need help now."))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("more information"))

    content_panels = [*Page.content_panels, FieldPanel("lead"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("lead")]

    parent_page_types = ["cms.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("'get help now' page")


class RequestHelpPage(LeanPageMixin, RoutablePageMixin, Page):
    """Hosts the request-for-help journey. Comms staff edit the words around it."""

    lead = models.TextField(
        _("lead paragraph"), help_text=_("One or two sentences: who can ask and what for.")
    )
    intro = RichTextField(
        _("before you start"),
        features=RICH_TEXT_FEATURES,
        help_text=_("What people need to know before they start: how long it takes, what we ask."),
    )
    young_people_note = RichTextField(
        _("for young people"),
        blank=True,
        features=RICH_TEXT_FEATURES,
        help_text=_("Shown on the start page for young people asking for themselves."),
    )
    what_happens_next = RichTextField(
        _("what happens next"),
        features=RICH_TEXT_FEATURES,
        help_text=_("Shown after someone sends their request."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        FieldPanel("intro"),
        FieldPanel("young_people_note"),
        FieldPanel("what_happens_next"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("lead"), index.SearchField("intro")]
    parent_page_types = ["cms.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("'ask for help' page")

    @path("")
    def start(self, request):
        # The start page is the same for everyone without a session; the view marks it
        # private when the visitor has one (their saved answers show there).
        return allow_public_cache(request_help.start(request, self))

    @path("step/<slug:slug>/")
    def step(self, request, slug):
        return request_help.step(request, self, slug)

    @path("check-your-answers/", name="check")
    def check_your_answers(self, request):
        return request_help.check_answers(request, self)

    @path("sent/", name="submitted")
    def submitted(self, request):
        return request_help.submitted(request, self)

    @path("save/", name="save")
    def save_for_later(self, request):
        return request_help.save_for_later(request, self)

    @path("carry-on/", name="resume")
    def resume(self, request):
        return request_help.resume(request, self)

    @path("outside-our-area/", name="outside")
    def outside(self, request):
        return request_help.outside_area(request, self)

    # The address before a deployment served more than one council: a bookmark still works.
    @path("outside-sandwell/", name="outside_old")
    def outside_old(self, request):
        return HttpResponseRedirect(subpage_url(self, "outside"))

    @path("professionals/", name="professionals")
    def professionals(self, request):
        return request_help.professionals(request, self)

    @path("start-again/", name="start_again")
    def start_again(self, request):
        return request_help.start_again(request, self)

    # "Where is my request?": a family sees where their request is, with a texted code.
    @path("where-is-my-request/", name="track")
    def track(self, request):
        return tracking.reference(request, self)

    @path("where-is-my-request/code/", name="track_code")
    def track_code(self, request):
        return tracking.code(request, self)

    @path("where-is-my-request/status/", name="track_status")
    def track_status(self, request):
        return tracking.status(request, self)

    @path("where-is-my-request/status/different-worker/", name="track_change")
    def track_change(self, request):
        return tracking.change_worker(request, self)

    @path("where-is-my-request/status/add/", name="track_add")
    def track_add(self, request):
        return tracking.add_something(request, self)


class FeedbackPage(LeanPageMixin, RoutablePageMixin, Page):
    """Hosts the feedback journey for young people and families, and workers' links."""

    lead = models.TextField(
        _("lead paragraph"), help_text=_("One sentence: why we want to hear from them.")
    )
    intro = RichTextField(
        _("before you start"),
        features=RICH_TEXT_FEATURES,
        help_text=_("Who reads it, and that they can stay anonymous."),
    )
    what_happens_next = RichTextField(
        _("what happens next"),
        features=RICH_TEXT_FEATURES,
        help_text=_("Shown after someone sends feedback."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        FieldPanel("intro"),
        FieldPanel("what_happens_next"),
    ]
    parent_page_types = ["cms.HomePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("feedback page")

    @path("")
    def start(self, request):
        return allow_public_cache(feedback_journey.start(request, self))

    @path("w/<str:token>/", name="link")
    def from_link(self, request, token):
        return feedback_journey.from_link(request, self, token)

    @path("step/<slug:slug>/", name="step")
    def step(self, request, slug):
        return feedback_journey.step(request, self, slug)

    @path("thank-you/", name="thanks")
    def thanks(self, request):
        return feedback_journey.thanks(request, self)


class YouSaidWeDidPage(PublicPageMixin, Page):
    """Published outcomes of feedback, anonymised, chosen from feedback approved to quote."""

    lead = models.TextField(_("lead paragraph"), help_text=_("Why we publish this."))
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("more information"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("lead"),
        InlinePanel("items", heading=_("You said, we did"), label=_("Item")),
        FieldPanel("body"),
    ]

    class Meta:
        verbose_name = _("'you said, we did' page")


class YouSaidWeDidItem(Orderable):
    page = ParentalKey(YouSaidWeDidPage, on_delete=models.CASCADE, related_name="items")
    feedback = models.ForeignKey(
        "early_help.Feedback",
        on_delete=models.CASCADE,
        related_name="+",
        limit_choices_to={"approved_to_quote": True},
        help_text=_(
            "Only feedback staff approved to quote can be chosen. The anonymised quote is shown."
        ),
    )

    panels = [FieldPanel("feedback")]

    class Meta(Orderable.Meta):
        verbose_name = _("you said, we did item")
