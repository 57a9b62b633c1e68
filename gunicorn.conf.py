"""gunicorn's settings file, read from the working directory by every web process (compose, Kubernetes, bench/http.py).

The command lines set the address, workers and threads; this file adds what a command line cannot.
"""


def post_worker_init(worker):
    # Once the worker has built the app: its startup objects leave the full collections (shared/long_lived.py).
    # Imported here, not at the top: gunicorn reads this file before it puts the working directory on sys.path.
    from shared.long_lived import freeze_startup_objects

    frozen = freeze_startup_objects()
    worker.log.info("%d objects built at start frozen out of the full garbage collections", frozen)
