"""Storage, at the bottom of the house: nothing here imports another `jep` package.

- `db`: connections (one per unit of work, from a small pool of idle ones; WAL, foreign keys),
  the write transaction (BEGIN IMMEDIATE) and the migrations of `schema/`, one sqlite-utils
  `Migrations` set per concern;
- `schema/`: the migration sets (`core`, `planning`, `evaluation`, `report`, `dashboard`, `mail`,
  `trust`, `perf`, `followup`); their names never change, so an existing database upgrades in
  place;
- `stamps`: the write counters of the watched tables, the key of every screen cache;
- `audit`: the append-only audit log and the formula-safe CSV writer;
- `backup`: consistent copies of the live database and checked restores;
- `memory`: freed heap memory given back to the system after a large load (malloc_trim).
"""
