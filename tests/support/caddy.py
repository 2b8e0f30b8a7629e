"""Caddy with deploy/Caddyfile in front of a running app, on free local ports, `tls internal`
(Caddy's own CA, kept in a temporary folder; nothing is installed in any trust store)."""

from __future__ import annotations

import ssl
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from .server import ROOT, free_port, stop
from .tools import caddy_path


@dataclass
class Proxy:
    url: str
    ca: Path

    def ssl_context(self) -> ssl.SSLContext:
        return ssl.create_default_context(cafile=str(self.ca))


@contextmanager
def running_caddy(upstream_port: int, folder: Path, timeout: float = 30) -> Iterator[Proxy]:
    caddy = caddy_path()
    https_port, http_port = free_port(), free_port()
    folder.mkdir(parents=True, exist_ok=True)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(folder),
        "XDG_DATA_HOME": str(folder / "data"),
        "XDG_CONFIG_HOME": str(folder / "config"),
        "JEP_DOMAIN": f"localhost:{https_port}",
        "JEP_TLS": "internal",
        "JEP_UPSTREAM": f"127.0.0.1:{upstream_port}",
        "JEP_CADDY_GLOBAL": f"skip_install_trust\nadmin off\nhttp_port {http_port}\n"
        f"https_port {https_port}",
    }
    log = open(folder / "caddy.log", "w")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [caddy, "run", "--config", str(ROOT / "deploy" / "Caddyfile"), "--adapter", "caddyfile"],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"https://localhost:{https_port}"
    ca = folder / "data" / "caddy" / "pki" / "authorities" / "local" / "root.crt"
    try:
        deadline = time.time() + timeout
        while True:
            try:
                ctx = ssl.create_default_context(cafile=str(ca))
                with urllib.request.urlopen(url + "/_stcore/health", context=ctx, timeout=3):
                    break
            except (OSError, ssl.SSLError, FileNotFoundError):
                pass
            if proc.poll() is not None or time.time() > deadline:
                raise RuntimeError("caddy did not start: " + (folder / "caddy.log").read_text())
            time.sleep(0.2)
        yield Proxy(url, ca)
    finally:
        stop(proc)
        log.close()
