"""Starts ministack (pinned 1.5.33) without its own EventBridge Scheduler sweep, for when the project's
schedule driver fires the schedules (localstack/schedule-driver/). ministack has no setting for this: its
gateway starts the sweep unconditionally at startup (ministack/app.py, lifespan startup, calling
ministack.services.scheduler.start_scheduler), so that one function is replaced before the gateway starts.
Everything else, the EventBridge rules sweep included, runs as `ministack` does."""
import sys

from ministack.services import scheduler

scheduler.start_scheduler = lambda: None

from ministack.app import main  # noqa: E402  (after the replacement, on purpose)

if __name__ == "__main__":
    sys.exit(main())
