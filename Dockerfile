#
# One image for every Todo Chatbot process; the command picks the role:
#   todo api | todo mcp | todo worker relay|recurring|scheduler|notifier | todo migrate
#
#   DOCKER_BUILDKIT=1 docker build -t todo-chatbot:0.1.0 .
#   minikube image build -t todo-chatbot:0.1.0 .
#
# Needs BuildKit (RUN --mount); its built-in Dockerfile frontend is enough, so no `# syntax`
# line makes the build fetch one from a registry.
#
# Build arguments and secrets:
#   BASE_IMAGE         any Debian-based image with Python 3.11 and its venv module; both stages
#                      use it (scripts/build-base-image.sh makes one where no registry serves)
#   COMPILE_BYTECODE=1 ship precompiled bytecode (about 50 MB larger; processes start
#                      in about half the time)
#   --secret id=ca,src=/etc/ssl/certs/ca-certificates.crt
#                      CA certificates pip trusts during the build (behind a TLS-inspecting
#                      proxy); read from a secret mount, never stored in a layer
#
# Runs as UID 10001 on a read-only root filesystem; only /tmp needs to be writable.

# Both stages use one base: the official slim Python image unless BASE_IMAGE names another.
ARG BASE_IMAGE

FROM ${BASE_IMAGE:-python:3.11.14-slim-bookworm} AS build

ARG COMPILE_BYTECODE=0

ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1

WORKDIR /src

# Every dependency at the version and hash requirements.lock pins, in a layer of its own that
# stays cached until the lock changes.
COPY requirements.lock ./
RUN --mount=type=secret,id=ca \
    if [ -s /run/secrets/ca ]; then export PIP_CERT=/run/secrets/ca; fi \
 && python3 -m venv /opt/venv \
 && /opt/venv/bin/python -m pip install --require-hashes --no-deps --no-compile \
      -r requirements.lock

COPY pyproject.toml README.md ./
COPY src ./src

# The app itself; then pip leaves the venv, and so does any bytecode the build wrote.
RUN --mount=type=secret,id=ca \
    if [ -s /run/secrets/ca ]; then export PIP_CERT=/run/secrets/ca; fi \
 && /opt/venv/bin/python -m pip install --no-deps --no-compile . \
 && /opt/venv/bin/python -m pip uninstall --yes pip setuptools \
 && find /opt/venv -depth -type d -name __pycache__ -exec rm -rf {} + \
 && if [ "$COMPILE_BYTECODE" = "1" ]; then /opt/venv/bin/python -m compileall -q -j 0 /opt/venv/lib; fi


FROM ${BASE_IMAGE:-python:3.11.14-slim-bookworm} AS runtime

ARG VERSION=0.1.0

LABEL org.opencontainers.image.title="todo-chatbot" \
      org.opencontainers.image.description="Todo Chatbot: REST API and web UI, MCP server, event workers and migrations" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="MIT"

COPY --from=build /opt/venv /opt/venv

# A system user with a high UID; then strip what a running app never uses: pip and the
# build tooling of the base image (in the official image's /usr/local and in Debian's
# /usr layout), set-uid bits, and every program outside Python itself (shells and package
# managers included), so the image has nothing to run but the app.
RUN groupadd --system --gid 10001 todo \
 && useradd --system --uid 10001 --gid todo --home-dir /nonexistent --no-create-home \
      --shell /usr/sbin/nologin todo \
 && for lib in /usr/local/lib/python3.11 /usr/lib/python3.11; do \
      rm -rf "$lib"/site-packages/pip "$lib"/site-packages/pip-* \
        "$lib"/site-packages/setuptools "$lib"/site-packages/setuptools-* \
        "$lib"/site-packages/_distutils_hack "$lib"/site-packages/distutils-precedence.pth \
        "$lib"/site-packages/pkg_resources "$lib"/site-packages/wheel "$lib"/site-packages/wheel-* \
        "$lib"/ensurepip "$lib"/idlelib "$lib"/lib2to3 "$lib"/tkinter "$lib"/turtledemo; \
    done \
 && rm -rf /usr/share/python-wheels \
      /usr/local/bin/pip* /usr/local/bin/idle* /usr/local/bin/pydoc* /usr/local/bin/2to3* \
      /usr/local/bin/wheel /usr/local/bin/python3-config /usr/local/bin/python3.11-config \
      /var/cache/apt /var/cache/debconf /var/lib/apt/lists /var/log/apt \
 && find / -xdev -type f -perm /6000 -exec chmod a-s {} + \
 && find /usr/bin /usr/sbin /usr/local/sbin -mindepth 1 -maxdepth 1 ! -name 'python3*' -delete

# Set only now: the user tools above live in /usr/sbin. Debian's interpreter stays in /usr/bin.
ENV PATH=/opt/venv/bin:/usr/local/bin:/usr/bin \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    HOME=/tmp \
    TMPDIR=/tmp \
    XDG_DATA_HOME=/tmp \
    HEALTHCHECK_PORT=8000

USER 10001:10001
WORKDIR /tmp

EXPOSE 8000 8001 8002

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('HEALTHCHECK_PORT', '8000') + '/health', timeout=4)"]

ENTRYPOINT ["todo"]
CMD ["api", "--host", "0.0.0.0", "--port", "8000"]
