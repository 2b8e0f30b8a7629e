"""Small responses without a 40 ms wait: TCP_NODELAY on the server's listening socket.

Streamlit 1.67 binds the listening socket itself (`starlette_server._bind_socket`) as
`socket.socket(family)`, whose protocol number is 0; asyncio switches Nagle's algorithm off only
for sockets whose protocol is IPPROTO_TCP (`asyncio.base_events._set_nodelay`), so every
connection keeps Nagle on. uvicorn writes a response's headers and its body in two writes: the
body then waits for the browser's delayed acknowledgement of the headers, about 40 ms on Linux,
for every file, every API answer and every burst of websocket messages (measured: `/healthz`
headers after 2 ms, body after 44 ms; a fresh browser's 62 script files over six connections
took about 500 ms of such waits).

Linux gives an accepted connection the options of its listening socket, so setting TCP_NODELAY
on the listener once, at start-up, covers every later connection. The listener is found among
the process's open file descriptors (Streamlit gives no handle to it); elsewhere than Linux this
does nothing.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket

log = logging.getLogger("jep.web")

FD_DIR = "/proc/self/fd"


def _listening_tcp(sock: socket.socket) -> bool:
    return (
        sock.family in (socket.AF_INET, socket.AF_INET6)
        and sock.type == socket.SOCK_STREAM
        and bool(sock.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN))
    )


def nodelay_listeners() -> int:
    """Set TCP_NODELAY on every listening TCP socket of this process; how many were set."""
    if not os.path.isdir(FD_DIR):
        return 0
    done = 0
    for name in os.listdir(FD_DIR):
        with contextlib.suppress(OSError, ValueError):
            fd = int(name)
            if not os.readlink(f"{FD_DIR}/{name}").startswith("socket:"):
                continue
            # a duplicate of the descriptor: closing it leaves the server's socket open
            with socket.socket(fileno=os.dup(fd)) as sock:
                if _listening_tcp(sock):
                    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
                    done += 1
    if not done:
        log.warning("geen luisterende TCP-socket gevonden voor TCP_NODELAY")
    return done
