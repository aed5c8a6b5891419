"""Gunicorn settings for the web process: `gunicorn -c gunicorn.conf.py portal.wsgi:application`.

Gunicorn reads WEB_CONCURRENCY (workers), PORT (bind 0.0.0.0:$PORT), FORWARDED_ALLOW_IPS
and GUNICORN_CMD_ARGS from the environment by itself; this file sets what should not vary.
"""

import os

# Two sync workers per core is plenty for a form-driven site whose slow work (texts) is in
# the task worker; scale out with more machines rather than more threads.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
timeout = 30
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so a slow leak can never take a machine down; the jitter
# stops them all restarting at once. A cached page costs under a millisecond, so a worker
# may serve hundreds a second: at 1,000 it restarted every few seconds under a peak, and
# loading the application again cost more than the pages it served (bench/public_pages.py).
max_requests = 20000
max_requests_jitter = 2000
# Django writes one structured line per request (portal.logging); gunicorn's own access
# log would be a second, unstructured one.
accesslog = None
errorlog = "-"
# A heartbeat file on tmpfs: a container's overlay disk can stall heartbeats and get
# healthy workers killed.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
