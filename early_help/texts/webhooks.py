"""Twilio's webhooks: delivery reports and incoming texts.

Every request must carry a valid X-Twilio-Signature for our public URL; anything else
gets 403 and changes nothing. Twilio retries webhooks, so both handlers are idempotent.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from twilio.request_validator import RequestValidator

from . import services

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


def is_from_twilio(request: HttpRequest) -> bool:
    if not settings.TWILIO_AUTH_TOKEN:
        return False
    # Behind a proxy the URL Django sees is not the one Twilio signed: use the public one.
    url = settings.PUBLIC_BASE_URL + request.get_full_path()
    signature = request.headers.get("X-Twilio-Signature", "")
    return RequestValidator(settings.TWILIO_AUTH_TOKEN).validate(
        url, request.POST.dict(), signature
    )


@csrf_exempt
@require_POST
def status_callback(request: HttpRequest) -> HttpResponse:
    if not is_from_twilio(request):
        return HttpResponseForbidden()
    sid = request.POST.get("MessageSid", "").strip()
    if not sid:
        return HttpResponseBadRequest()
    services.sms_status_update(
        sid=sid,
        status=request.POST.get("MessageStatus", ""),
        outbox_id=request.GET.get("m"),
        error_code=request.POST.get("ErrorCode"),
    )
    return HttpResponse(status=204)


@csrf_exempt
@require_POST
def inbound(request: HttpRequest) -> HttpResponse:
    if not is_from_twilio(request):
        return HttpResponseForbidden()
    sender = request.POST.get("From", "").strip()
    sid = request.POST.get("MessageSid", "").strip()
    if not sender or not sid:
        # Signed but incomplete: storing it would attach it to the wrong family.
        return HttpResponseBadRequest()
    services.sms_inbound(sender=sender, body=request.POST.get("Body", ""), sid=sid)
    return HttpResponse(EMPTY_TWIML, content_type="text/xml")
