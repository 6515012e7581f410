# syntax=docker/dockerfile:1
#
# One image for every Todo Chatbot process; the command picks the role:
#   todo api | todo mcp | todo worker relay|recurring|scheduler|notifier | todo migrate
#
#   docker build -t todo-chatbot:0.1.0 .
#   minikube image build -t todo-chatbot:0.1.0 .
#
# Runs as UID 10001 on a read-only root filesystem; only /tmp needs to be writable.
# Build with --build-arg COMPILE_BYTECODE=1 to ship precompiled bytecode (faster start,
# about 60 MB larger image).

FROM python:3.11.14-slim-bookworm AS build

ARG COMPILE_BYTECODE=0

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1

WORKDIR /src

COPY pyproject.toml README.md ./
COPY src ./src

# Wheels for the app and every dependency, then a venv installed from those wheels only.
RUN python -m pip wheel --wheel-dir /wheels . \
 && python -m venv /opt/venv \
 && /opt/venv/bin/python -m pip install --no-index --find-links /wheels --no-compile todo-chatbot \
 && /opt/venv/bin/python -m pip uninstall --yes pip setuptools \
 && find /opt/venv -depth -type d -name __pycache__ -exec rm -rf {} + \
 && if [ "$COMPILE_BYTECODE" = "1" ]; then /opt/venv/bin/python -m compileall -q -j 0 /opt/venv/lib; fi


FROM python:3.11.14-slim-bookworm AS runtime

ARG VERSION=0.1.0

LABEL org.opencontainers.image.title="todo-chatbot" \
      org.opencontainers.image.description="Todo Chatbot: REST API and web UI, MCP server, event workers and migrations" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="MIT"

ENV PATH=/opt/venv/bin:/usr/local/bin \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HOME=/tmp \
    TMPDIR=/tmp \
    XDG_DATA_HOME=/tmp \
    HEALTHCHECK_PORT=8000

COPY --from=build /opt/venv /opt/venv

# A system user with a high UID; then strip what a running app never uses: pip and the
# build tooling of the base image, set-uid bits, and every program outside Python itself
# (shells and package managers included), so the image has nothing to run but the app.
RUN groupadd --system --gid 10001 todo \
 && useradd --system --uid 10001 --gid todo --home-dir /nonexistent --no-create-home \
      --shell /usr/sbin/nologin todo \
 && rm -rf /usr/local/lib/python3.11/site-packages/pip \
      /usr/local/lib/python3.11/site-packages/pip-* \
      /usr/local/lib/python3.11/site-packages/setuptools \
      /usr/local/lib/python3.11/site-packages/setuptools-* \
      /usr/local/lib/python3.11/site-packages/_distutils_hack \
      /usr/local/lib/python3.11/site-packages/distutils-precedence.pth \
      /usr/local/lib/python3.11/site-packages/pkg_resources \
      /usr/local/lib/python3.11/site-packages/wheel \
      /usr/local/lib/python3.11/site-packages/wheel-* \
      /usr/local/lib/python3.11/ensurepip \
      /usr/local/lib/python3.11/idlelib \
      /usr/local/lib/python3.11/lib2to3 \
      /usr/local/lib/python3.11/tkinter \
      /usr/local/lib/python3.11/turtledemo \
      /usr/local/bin/pip* /usr/local/bin/idle* /usr/local/bin/pydoc* /usr/local/bin/2to3* \
      /usr/local/bin/wheel /usr/local/bin/python3-config /usr/local/bin/python3.11-config \
      /var/cache/apt /var/cache/debconf /var/lib/apt/lists /var/log/apt \
 && find / -xdev -type f -perm /6000 -exec chmod a-s {} + \
 && find /usr/bin /usr/sbin /usr/local/sbin -mindepth 1 -maxdepth 1 -delete

USER 10001:10001
WORKDIR /tmp

EXPOSE 8000 8001 8002

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('HEALTHCHECK_PORT', '8000') + '/health', timeout=4)"]

ENTRYPOINT ["todo"]
CMD ["api", "--host", "0.0.0.0", "--port", "8000"]
