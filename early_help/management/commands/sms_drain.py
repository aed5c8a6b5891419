from django.core.management.base import BaseCommand

from early_help.texts.delivery import sms_drain


class Command(BaseCommand):
    help = (
        "Send texts that are due and settle texts a stopped worker left half-sent. "
        "Run every few minutes (cron) beside the task workers."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"Sent {sms_drain()} texts.")
