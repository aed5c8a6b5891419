from django.core.management.base import BaseCommand

from early_help.asking_for_help.services import drafts_delete_expired


class Command(BaseCommand):
    help = "Delete expired request-for-help drafts (the scheduler runs this daily)."

    def handle(self, *args, **options):
        deleted = drafts_delete_expired()
        self.stdout.write(f"Deleted {deleted} expired drafts.")
