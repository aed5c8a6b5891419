"""Where text messages go, chosen by the SMS_BACKEND setting.

- `console`: dev. Logs that a text was "sent" (no body: it may be personal) and keeps
  it in the outbox, which admins read on the dev inbox page.
- `locmem`: tests. Appends to `outbox` in this module.
- `twilio`: real. Twilio's REST client with an HTTP timeout.

A backend's `send` returns the provider's id, or raises RetryableSMSError (try again
later) or PermanentSMSError (never try again).
"""

import itertools
import logging
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class SMSError(Exception):
    def __init__(self, message: str, code: int | None = None):
        super().__init__(message)
        self.code = code


class RetryableSMSError(SMSError):
    """A timeout, a 5xx or a 429: the message may go through later."""


class PermanentSMSError(SMSError):
    """An invalid number, an unsubscribed recipient, a landline: never retry."""


# Twilio error codes that mean the recipient said STOP.
OPTED_OUT_CODES = {21610}


@dataclass(frozen=True)
class OutgoingText:
    outbox_id: int
    to: str
    body: str


class BaseSMSBackend:
    def send(self, text: OutgoingText) -> str:
        raise NotImplementedError

    def find_sent(self, text: OutgoingText, since) -> str | None:
        """The provider's id for this text if it was accepted already, else None.

        Used when a worker died between the provider accepting a text and us saving its
        id: we look before sending again, so nobody gets the text twice.
        """
        return None


_counter = itertools.count(1)
outbox: list[OutgoingText] = []


class LocmemSMSBackend(BaseSMSBackend):
    def send(self, text: OutgoingText) -> str:
        outbox.append(text)
        return f"SMlocmem{next(_counter):024d}"

    def find_sent(self, text: OutgoingText, since) -> str | None:
        return None


class ConsoleSMSBackend(BaseSMSBackend):
    def send(self, text: OutgoingText) -> str:
        logger.info(
            "SMS %s sent by the console backend (read it on the dev inbox page)", text.outbox_id
        )
        return f"SMconsole{next(_counter):023d}"


class TwilioSMSBackend(BaseSMSBackend):
    def __init__(self):
        from twilio.http.http_client import TwilioHttpClient
        from twilio.rest import Client

        self.client = Client(
            settings.TWILIO_ACCOUNT_SID,
            settings.TWILIO_AUTH_TOKEN,
            http_client=TwilioHttpClient(timeout=settings.TWILIO_TIMEOUT_SECONDS),
        )
        if settings.TWILIO_API_BASE_URL:
            # Tests and benchmarks point the real client at a local stand-in.
            self.client.api.base_url = settings.TWILIO_API_BASE_URL

    def _sender(self) -> dict:
        if settings.TWILIO_MESSAGING_SERVICE_SID:
            return {"messaging_service_sid": settings.TWILIO_MESSAGING_SERVICE_SID}
        return {"from_": settings.TWILIO_FROM_NUMBER}

    def send(self, text: OutgoingText) -> str:
        from twilio.base.exceptions import TwilioRestException

        callback = settings.PUBLIC_BASE_URL + reverse("sms_status") + f"?m={text.outbox_id}"
        try:
            message = self.client.messages.create(
                to=text.to, body=text.body, status_callback=callback, **self._sender()
            )
        except TwilioRestException as error:
            if error.status == 429 or error.status >= 500:
                raise RetryableSMSError(f"Twilio {error.status}", error.code) from error
            raise PermanentSMSError(
                f"Twilio {error.status} error {error.code}", error.code
            ) from error
        except Exception as error:
            raise RetryableSMSError(type(error).__name__) from error
        return message.sid

    def find_sent(self, text: OutgoingText, since) -> str | None:
        try:
            for message in self.client.messages.list(to=text.to, date_sent_after=since, limit=50):
                if message.body == text.body:
                    return message.sid
        except Exception as error:
            raise RetryableSMSError(f"Could not check Twilio: {type(error).__name__}") from error
        return None


BACKENDS = {
    "console": "early_help.texts.backends.ConsoleSMSBackend",
    "locmem": "early_help.texts.backends.LocmemSMSBackend",
    "twilio": "early_help.texts.backends.TwilioSMSBackend",
}


def get_backend() -> BaseSMSBackend:
    name = settings.SMS_BACKEND
    return import_string(BACKENDS.get(name, name))()
