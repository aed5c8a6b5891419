from django.core.management.base import BaseCommand

from early_help.texts.tasks import sms_recover
from early_help.workers.services import tasks_recover


class Command(BaseCommand):
    help = (
        "Take back tasks of dead workers and settle texts whose send may have gone. "
        "Run every minute (the scheduler, or cron)."
    )

    def handle(self, *args, **options):
        tasks = tasks_recover()
        texts = sms_recover()
        self.stdout.write(f"Tasks taken back: {tasks}. Texts settled: {texts}.")
