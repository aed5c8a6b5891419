"""Text messages: a swappable backend (like Django's email backends), an outbox of every
message in and out, rules for when a text may go, and Twilio's webhooks."""
