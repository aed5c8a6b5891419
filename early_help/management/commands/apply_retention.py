from django.core.management.base import BaseCommand

from early_help.retention.services import retention_apply


class Command(BaseCommand):
    help = "Remove personal details that have passed their retention period (the scheduler runs this daily)."

    def handle(self, *args, **options):
        result = retention_apply()
        self.stdout.write(
            f"Anonymised {result.help_requests} help requests, {result.texts} texts, "
            f"{result.feedback} feedback; deleted {result.audit_records} audit records, "
            f"{result.webhook_deliveries} webhook deliveries and their tries."
        )
