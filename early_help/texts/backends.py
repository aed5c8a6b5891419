"""Where text messages go, chosen by the SMS_BACKEND setting.

- `console`: dev. Logs that a text was "sent" (no body: it may be personal) and keeps
  it in the outbox, which admins read on the dev inbox page.
- `locmem`: tests. Appends to `outbox` in this module.
- `twilio`: real. Twilio's REST client with an HTTP timeout.

A backend's `send` returns the provider's id, or raises one of three errors, according
to what we know about the text afterwards:

- RetryableSMSError: the provider certainly did not take it (no connection was made, or
  it answered 429 "too many requests"); send it again later.
- MaybeSentSMSError: it may have gone (the answer timed out or the connection dropped
  after the request was written, or the provider failed with a 5xx). Sending again
  blind could text a family twice: look it up with `find_sent` first.
- PermanentSMSError: an invalid number, an unsubscribed recipient; never try again.
"""

import datetime
import email.utils
import itertools
import logging
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


class SMSError(Exception):
    def __init__(self, message: str, code: int | None = None):
        super().__init__(message)
        self.code = code


class RetryableSMSError(SMSError):
    """Certainly not sent (no connection, or a 429): the text may go through later.

    `rate_limited` is true for a 429, and `retry_after` how long the provider asked us to
    wait, if it said: sending sooner than that only earns another 429.
    """

    def __init__(
        self,
        message: str,
        code: int | None = None,
        *,
        retry_after: datetime.timedelta | None = None,
        rate_limited: bool = False,
    ):
        super().__init__(message, code)
        self.retry_after = retry_after
        self.rate_limited = rate_limited


class MaybeSentSMSError(SMSError):
    """The provider may have taken the text although we never heard so: never resend blind."""


class PermanentSMSError(SMSError):
    """An invalid number, an unsubscribed recipient, a landline: never retry."""


# However long a 429 asks us to wait, a text is tried again within a day: a broken header
# must not park a family's text for ever.
MAX_RETRY_AFTER = datetime.timedelta(days=1)


def parse_retry_after(value: str | None, *, now: datetime.datetime | None = None):
    """How long a Retry-After header asks us to wait (seconds or an HTTP date), at most a
    day; None when there is no header or it makes no sense."""
    if not value:
        return None
    value = value.strip()
    try:
        seconds = float(value)
    except ValueError:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:  # HTTP dates are GMT
            when = when.replace(tzinfo=datetime.UTC)
        seconds = (when - (now or timezone.now())).total_seconds()
    if seconds != seconds:  # NaN
        return None
    return min(datetime.timedelta(seconds=max(seconds, 0)), MAX_RETRY_AFTER)


# Twilio error codes that mean the recipient said STOP.
OPTED_OUT_CODES = {21610}


@dataclass(frozen=True)
class OutgoingText:
    outbox_id: int
    to: str
    body: str
    # The council's own sender (a +44 number or an MG… messaging service); blank is the
    # deployment's.
    sender: str = ""


class BaseSMSBackend:
    def send(self, text: OutgoingText) -> str:
        raise NotImplementedError

    def find_sent(self, text: OutgoingText, since, exclude=frozenset()) -> str | None:
        """The provider's id for this text if it was accepted since `since`, else None.

        Used when we do not know whether a send went through (its answer was lost, or a
        worker died between the provider accepting it and us saving its id): we look
        before sending again, so nobody gets the text twice. Ids in `exclude` belong to
        other texts (an identical text sent earlier) and never match. Raises
        RetryableSMSError when the provider cannot be asked now.
        """
        return None


_counter = itertools.count(1)
outbox: list[OutgoingText] = []


class LocmemSMSBackend(BaseSMSBackend):
    def send(self, text: OutgoingText) -> str:
        outbox.append(text)
        return f"SMlocmem{next(_counter):024d}"

    def find_sent(self, text: OutgoingText, since, exclude=frozenset()) -> str | None:
        return None


class ConsoleSMSBackend(BaseSMSBackend):
    def send(self, text: OutgoingText) -> str:
        logger.info(
            "SMS %s sent by the console backend (read it on the dev inbox page)", text.outbox_id
        )
        return f"SMconsole{next(_counter):023d}"


def _never_reached_the_provider(error: Exception) -> bool:
    """True only when no request can have reached the provider: the connection itself
    failed (refused, no such host, or it timed out while connecting)."""
    from requests.exceptions import ConnectionError as RequestsConnectionError
    from requests.exceptions import ConnectTimeout
    from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

    if isinstance(error, ConnectTimeout):
        return True
    if isinstance(error, RequestsConnectionError) and error.args:
        reason = getattr(error.args[0], "reason", error.args[0])
        return isinstance(reason, NewConnectionError | ConnectTimeoutError)
    return False


class TwilioSMSBackend(BaseSMSBackend):
    """Twilio's REST client with a timeout. It tells "certainly not sent" (a refused
    connection, a 429) from "maybe sent" (a read timeout, a connection reset once the
    request could have been written, any 5xx): Twilio may have created the message
    while its answer was lost, and a 5xx may come after the message was stored."""

    def __init__(self):
        from twilio.http.http_client import TwilioHttpClient
        from twilio.rest import Client

        class HttpClient(TwilioHttpClient):
            """Keeps the last answer's headers: a 429's Retry-After is only there."""

            def request(self, *args, **kwargs):
                self.last_headers = {}
                response = super().request(*args, **kwargs)
                self.last_headers = response.headers or {}
                return response

        self.http_client = HttpClient(timeout=settings.TWILIO_TIMEOUT_SECONDS)
        self.client = Client(
            settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN, http_client=self.http_client
        )
        if settings.TWILIO_API_BASE_URL:
            # Tests and benchmarks point the real client at a local stand-in.
            self.client.api.base_url = settings.TWILIO_API_BASE_URL

    @staticmethod
    def _sender(text: OutgoingText | None = None) -> dict:
        """Twilio's sender arguments: the council's own sender when it has one (a
        messaging service SID starts MG, a number +), else the deployment's."""
        own = (text.sender if text is not None else "").strip()
        if own.startswith("MG"):
            return {"messaging_service_sid": own}
        if own.startswith("+"):
            return {"from_": own}
        if settings.TWILIO_MESSAGING_SERVICE_SID:
            return {"messaging_service_sid": settings.TWILIO_MESSAGING_SERVICE_SID}
        return {"from_": settings.TWILIO_FROM_NUMBER}

    def _retry_after(self):
        headers = getattr(self.http_client, "last_headers", None) or {}
        return parse_retry_after(headers.get("Retry-After"))

    def send(self, text: OutgoingText) -> str:
        from twilio.base.exceptions import TwilioRestException

        callback = settings.PUBLIC_BASE_URL + reverse("sms_status") + f"?m={text.outbox_id}"
        try:
            message = self.client.messages.create(
                to=text.to, body=text.body, status_callback=callback, **self._sender(text)
            )
        except TwilioRestException as error:
            if error.status == 429:
                raise RetryableSMSError(
                    "Twilio 429", error.code, retry_after=self._retry_after(), rate_limited=True
                ) from error
            if error.status >= 500:
                raise MaybeSentSMSError(f"Twilio {error.status}", error.code) from error
            raise PermanentSMSError(
                f"Twilio {error.status} error {error.code}", error.code
            ) from error
        except Exception as error:
            if _never_reached_the_provider(error):
                raise RetryableSMSError(f"Not sent: {type(error).__name__}") from error
            # A read timeout, a reset, anything we cannot place: Twilio may have it.
            raise MaybeSentSMSError(f"No answer: {type(error).__name__}") from error
        return message.sid

    def find_sent(self, text: OutgoingText, since, exclude=frozenset()) -> str | None:
        from twilio.base.exceptions import TwilioRestException

        # Not filtered by DateSent: Twilio filters it by whole days, and a message it is
        # still holding in its own queue has no date sent at all. Twilio lists newest
        # first, so we read back only as far as `since`.
        found = None
        try:
            for message in self.client.messages.stream(to=text.to, page_size=50, limit=500):
                if message.date_created is not None and message.date_created < since:
                    break
                if message.body == text.body and message.sid not in exclude:
                    found = message.sid  # keep going: the oldest match is the first send
        except TwilioRestException as error:
            retry_after = self._retry_after() if error.status == 429 else None
            raise RetryableSMSError(
                f"Could not check Twilio: {error.status}", error.code, retry_after=retry_after
            ) from error
        except Exception as error:
            raise RetryableSMSError(f"Could not check Twilio: {type(error).__name__}") from error
        return found


BACKENDS = {
    "console": "early_help.texts.backends.ConsoleSMSBackend",
    "locmem": "early_help.texts.backends.LocmemSMSBackend",
    "twilio": "early_help.texts.backends.TwilioSMSBackend",
}


def get_backend() -> BaseSMSBackend:
    name = settings.SMS_BACKEND
    return import_string(BACKENDS.get(name, name))()
