"""The first words of every text, in English, so texts work before comms staff edit them.

Discreet on purpose (DESIGN.md rule 3): no service name, no worry, no child's name.
"""

DEFAULT_TEMPLATES = {
    "request_received": "Hello {first_name}. We have your message, ref {reference}. Someone will call you soon. "
    "To talk sooner, call {team_phone}.",
    "practitioner_allocated": "Hello {first_name}. {practitioner} will be your contact, ref {reference}. "
    "Call {team_phone} if you need to.",
    "status_update": "Hello {first_name}, there is an update about ref {reference}. Please call {team_phone} "
    "when it is safe.",
    "try_to_call": "Hello {first_name}, we tried to call you about ref {reference}. Please call {team_phone} "
    "when it is safe to talk.",
    "resume_link": "Your code is {code}. Carry on here: {link}",
    "feedback_acknowledged": "Thank you. We got your message, ref {reference}.",
    "help_reply": "Reply STOP to stop these texts. To talk to us, call {team_phone}.",
    "tracking_code": "Your code is {code}. It works for 10 minutes.",
}


def sms_templates_ensure(sms_template_model, locale_model) -> None:
    """Create any missing English template. Used by a migration and by tests."""
    import uuid

    english, _created = locale_model.objects.get_or_create(language_code="en")
    for key, body in DEFAULT_TEMPLATES.items():
        if not sms_template_model.objects.filter(key=key, locale=english).exists():
            sms_template_model.objects.create(
                key=key, body=body, locale=english, translation_key=uuid.uuid4()
            )
