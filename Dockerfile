# One image per service: `docker build --build-arg SERVICE=personnel .`
# The image holds only its own service and the shared plumbing package.
#
# BASE_IMAGE is the official python:3.11-slim that operators pull. CI, which reaches no image
# registry, passes a Debian bookworm image with Debian's python3.11 built by .ci/base-image.
# Both work the same way here: the dependencies go into a virtual environment at /opt/venv
# (Debian's own Python refuses a system-wide pip install, PEP 668), first on PATH, so
# `python`, `gunicorn` and `pip` below and in docker-compose.yml are the venv's.
ARG BASE_IMAGE=python:3.11-slim
FROM ${BASE_IMAGE}

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH

# The mount points of named volumes the non-root user writes, owned by it: an empty volume takes
# the owner of its mount point in the image (else root's). /data/attachments: consultation's
# attachments; /definitions: the broker's definitions, which compose's broker-definitions renders.
RUN useradd --create-home --uid 10001 asn \
 && mkdir -p /data/attachments /definitions && chown asn /data/attachments /definitions
WORKDIR /app

# Dependencies first (pinned in pyproject.toml), and before anything that differs between the
# services, so that code changes reuse this layer and the four images share it.
COPY pyproject.toml .
RUN python3 -m venv /opt/venv \
 && python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml','rb'))['project']['dependencies']))" \
      > /tmp/requirements.txt \
 && pip install -r /tmp/requirements.txt \
 && rm /tmp/requirements.txt

ARG SERVICE
ENV SERVICE=${SERVICE}
COPY shared/ shared/
COPY services/__init__.py services/__init__.py
COPY services/${SERVICE}/ services/${SERVICE}/
# gunicorn reads ./gunicorn.conf.py from its working directory: its worker hook (shared/long_lived.py).
COPY gunicorn.conf.py .

USER asn
# The compose file sets the command: gunicorn for web, `python -m services.<name>.worker` for the worker.
# `exec`, so that gunicorn is PID 1 and gets SIGTERM from `docker stop` itself.
CMD ["sh", "-c", "exec gunicorn --bind 0.0.0.0:8000 \"services.${SERVICE}.app:create_app()\""]
