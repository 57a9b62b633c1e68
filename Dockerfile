# One image per service: `docker build --build-arg SERVICE=personnel .`
# The image holds only its own service and the shared plumbing package.
FROM python:3.11-slim

ARG SERVICE
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    SERVICE=${SERVICE}

RUN useradd --create-home --uid 10001 asn
WORKDIR /app

# Dependencies first (pinned in pyproject.toml), so code changes reuse this layer.
COPY pyproject.toml .
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml','rb'))['project']['dependencies']))" \
      > /tmp/requirements.txt \
 && pip install -r /tmp/requirements.txt

COPY shared/ shared/
COPY services/__init__.py services/__init__.py
COPY services/${SERVICE}/ services/${SERVICE}/

USER asn
# The compose file sets the command: gunicorn for web, `python -m services.<name>.worker` for the worker.
CMD ["sh", "-c", "exec gunicorn --bind 0.0.0.0:8000 \"services.${SERVICE}.app:create_app()\""]
