import os
import threading
import time

from django.core.management import call_command
from django.core.management.commands.runserver import Command as RunserverCommand

INTERVAL_SECONDS = 60


def _publish_scheduled_forever(stdout):
    while True:
        try:
            call_command("publish_scheduled", verbosity=0)
        except Exception as error:  # noqa: BLE001 - the dev server must keep running
            stdout.write(f"publish_scheduled failed: {error}")
        time.sleep(INTERVAL_SECONDS)


class Command(RunserverCommand):
    help = (
        "The development server, also running Wagtail's publish_scheduled every minute "
        "(in production deploy/systemd/ops-scheduler.timer does that; see README)."
    )

    def inner_run(self, *args, **options):
        # With the autoreloader the server runs in a child process (RUN_MAIN); start
        # the scheduler there only, once.
        if os.environ.get("RUN_MAIN") == "true" or not options.get("use_reloader"):
            threading.Thread(
                target=_publish_scheduled_forever, args=(self.stdout,), daemon=True
            ).start()
        return super().inner_run(*args, **options)
