"""Give freed memory back to the operating system after a large load.

Loading the programme's evaluation answers (hundreds of thousands of rows, read in chunks) frees
most of what it allocated, but glibc keeps freed heap memory for reuse, so the server's resident
size stays about 12 MB above what the loaded data needs. `malloc_trim(0)` returns it. Elsewhere
than glibc this does nothing."""

from __future__ import annotations

import ctypes
import ctypes.util
import functools


@functools.lru_cache(maxsize=1)
def _libc() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


def give_back() -> bool:
    """Return freed heap memory to the operating system (True when glibc did)."""
    libc = _libc()
    return bool(libc.malloc_trim(0)) if libc else False
