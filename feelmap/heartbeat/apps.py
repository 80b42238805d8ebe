from django.apps import AppConfig


class HeartbeatConfig(AppConfig):
    name = "feelmap.heartbeat"
    verbose_name = "Heartbeat perception"
