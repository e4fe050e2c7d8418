"""The performance suite's processes: the environment of the production settings, our own
commands run to completion, and gunicorn on a free loopback port."""

import http.client
import json
import os
import secrets
import socket
import string
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.figures import HOST, ROOT, BenchError


def new_secret_key() -> str:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(50))


def new_issuer_key() -> str:
    """A fresh Ed25519 issuer key: production signs credentials only with a configured one."""
    from joserfc.jwk import OKPKey

    return json.dumps(OKPKey.generate_key("Ed25519", private=True).as_dict(private=True))


def server_env(database_url: str, secret_key: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DATABASE_URL=database_url,
        SECRET_KEY=secret_key,
        ALLOWED_HOSTS=HOST,
        SECURE_SSL_REDIRECT="0",
        GUILD_PUBLIC_URL="https://guild.example.ca",
        DEBUG="0",
        LOG_LEVEL="WARNING",
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.pop("REDIS_URL", None)  # the local-memory cache, as in a single-server install
    return env


def run_command(args: list[str], env: dict[str, str], timeout: int = 1800) -> str:
    completed = subprocess.run(  # noqa: S603 - our own commands
        args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
    )
    if completed.returncode != 0:
        raise BenchError(
            f"{' '.join(args)} failed ({completed.returncode}):\n"
            f"{completed.stdout[-3000:]}\n{completed.stderr[-3000:]}"
        )
    return completed.stdout


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def http_get(port: int, path: str, timeout: float = 5) -> int:
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status
    finally:
        conn.close()


class Gunicorn:
    """gunicorn with the production settings, on a free loopback port; always stopped."""

    def __init__(self, env: dict[str, str], workers: int, log: Path) -> None:
        self.env, self.workers, self.log = env, workers, log
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> "Gunicorn":
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(  # noqa: S603 - our own commands
            [
                str(gunicorn),
                "config.wsgi",
                "--bind",
                f"{HOST}:{self.port}",
                "--workers",
                str(self.workers),
                "--worker-class",
                "sync",
                "--timeout",
                # The first request for a results page computes them cold (measured on
                # its own, in-process); at 100,000 respondents that can pass a minute.
                "300",
                "--graceful-timeout",
                "5",
                "--log-level",
                "warning",
                "--error-logfile",
                str(self.log),
            ],
            env=self.env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_ready(self, attempts: int = 150) -> None:
        for _ in range(attempts):
            if self.process is not None and self.process.poll() is not None:
                break
            try:
                if http_get(self.port, "/healthz", timeout=1) == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise BenchError(f"gunicorn did not start; see {self.log}")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def __exit__(self, *exc: object) -> None:
        self.stop()
