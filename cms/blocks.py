"""StreamField blocks comms staff compose pages from, each rendered as GOV.UK Frontend."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class HeadingBlock(blocks.CharBlock):
    class Meta:
        icon = "title"
        template = "cms/blocks/heading.html"
        form_classname = "title"
        label = _("Heading")


class InsetTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        super().__init__(features=["bold", "link"], **kwargs)

    class Meta:
        icon = "openquote"
        template = "cms/blocks/inset_text.html"
        label = _("Inset text")
        help_text = _("A short piece of text set apart, for a quotation or an example.")


class WarningTextBlock(blocks.CharBlock):
    class Meta:
        icon = "warning"
        template = "cms/blocks/warning_text.html"
        label = _("Warning text")
        help_text = _("Something people must know, for example a legal consequence.")


class DetailsBlock(blocks.StructBlock):
    summary = blocks.CharBlock(label=_("Summary"), help_text=_("The link text people click."))
    body = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, label=_("Text shown when opened"))

    class Meta:
        icon = "collapse-down"
        template = "cms/blocks/details.html"
        label = _("Details")


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Button text"), max_length=60)
    page = blocks.PageChooserBlock(required=False, label=_("Page"))
    url = blocks.URLBlock(required=False, label=_("Or a web address"))
    start = blocks.BooleanBlock(
        required=False,
        label=_("Start button"),
        help_text=_("Show the arrow used for the start of a service."),
    )

    class Meta:
        icon = "link"
        template = "cms/blocks/call_to_action.html"
        label = _("Call-to-action button")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError(_("Choose a page or enter a web address, not both."))
                }
            )
        return value


class ContactBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label=_("Heading"), help_text=_("For example Oldbury Early Help Team.")
    )
    phone = blocks.CharBlock(required=False, label=_("Phone"))
    email = blocks.EmailBlock(required=False, label=_("Email"))
    hours = blocks.CharBlock(required=False, label=_("Opening hours"))
    address = blocks.TextBlock(required=False, label=_("Address"))

    class Meta:
        icon = "mail"
        template = "cms/blocks/contact.html"
        label = _("Contact details")


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        help_text=_(
            "Describe the image for people who cannot see it. Required: if it is decorative, "
            "ask whether the page needs it."
        ),
    )
    caption = blocks.CharBlock(required=False, label=_("Caption"))

    class Meta:
        icon = "image"
        template = "cms/blocks/image.html"
        label = _("Image")


class BodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        features=RICH_TEXT_FEATURES, label=_("Rich text"), template="cms/blocks/rich_text.html"
    )
    inset_text = InsetTextBlock()
    warning_text = WarningTextBlock()
    details = DetailsBlock()
    call_to_action = CallToActionBlock()
    contact = ContactBlock()
    image = ImageBlock()

    class Meta:
        template = "cms/blocks/body.html"


class FamilyHubBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Hub name"))
    address = blocks.TextBlock(label=_("Address"))
    opening_hours = blocks.CharBlock(required=False, label=_("Opening hours"))

    class Meta:
        icon = "home"
        template = "cms/blocks/family_hub.html"
        label = _("Family hub")


class FooterLinkBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Link text"))
    page = blocks.PageChooserBlock(required=False, label=_("Page"))
    url = blocks.URLBlock(required=False, label=_("Or a web address"))

    class Meta:
        icon = "link"
        label = _("Footer link")
