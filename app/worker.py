"""The Celery worker's entry point: `celery -A app.worker worker`.

Builds the Flask app from the environment (the same configuration as the web processes)
and exposes its Celery app, whose tasks run inside the Flask app context."""

from app import create_app

flask_app = create_app()
celery_app = flask_app.extensions["celery"]

import app.tasks  # noqa: E402,F401  (registers the tasks with the app above)
