#!/usr/bin/env bash
# Install what is needed (first time only) and start the application on http://localhost:8501.
# The database is data/jep.db (or $JEP_DB), created on first start.
source "$(dirname "$0")/scripts/setup.sh"
# Fewer glibc malloc arenas: Streamlit runs each session in its own thread, and per-thread arenas
# fragment memory (measured: peak ~400 MB -> ~360 MB at 10x national scale). Override if you like.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# pyarrow (Streamlit's tables) keeps freed memory in its own jemalloc pool; the system allocator
# gives it back (about 20 MB less after a tour of the staff screens at scale 10, bench/)
export ARROW_DEFAULT_MEMORY_POOL="${ARROW_DEFAULT_MEMORY_POOL:-system}"
# glibc raises its mmap threshold after every large free (up to 32 MB), after which the large
# arrays of pandas come from the heap and fragment it; fixed at 4 MB they are mmapped and given
# back when freed (measured: peak after three staff tours at scale 10 307 -> 292 MB, the same
# speed; at 128 kB the dashboard's figures took 70 % longer)
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-4194304}"
python -m jep init   # checks data/, creates data/jep.db, prints the first admin's password
exec python -m streamlit run server.py "$@"  # app.py with the routes of server.py
