"""Task workers that say they are alive, so that work a dead one held can be taken back."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """One running task worker (`manage.py run_worker`): it writes `beat_at` every few
    seconds while it runs, and removes its row when it stops cleanly."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    hostname = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(null=True, blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    beat_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("task worker heartbeat")

    def __str__(self) -> str:
        return f"Worker {self.worker_id}"
