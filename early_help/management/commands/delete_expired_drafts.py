from django.core.management.base import BaseCommand

from early_help.asking_for_help.services import drafts_delete_expired


class Command(BaseCommand):
    help = "Delete request-for-help drafts older than their 7-day expiry. Run daily (cron)."

    def handle(self, *args, **options):
        deleted = drafts_delete_expired()
        self.stdout.write(f"Deleted {deleted} expired drafts.")
