"""gunicorn settings for `load_clinic.py --sessions own`: each worker process starts its own
session (setsid) right after the fork.

Why: Linux's autogroup scheduling (kernel.sched_autogroup_enabled=1, as on this machine) shares
CPU time between sessions first and between the processes of a session second. gunicorn started
as one session gets one session's share however many workers it has, so on a busy shared
machine 1, 2 and 4 workers are served the same CPU and scaling cannot show. On a dedicated
server (or a systemd service without that grouping) each worker competes for a core on its
own; one session per worker reproduces that here. Nothing else changes.
"""

import os


def post_fork(server, worker):
    os.setsid()
