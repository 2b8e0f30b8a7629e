"""Reference data: the editable files in data/, read and validated once.

- `toml`: the one TOML reader, `DATA_DIR`, `CatalogError` (names the file and the entry);
- `catalog`: municipalities, domains, sectors and professions, knelpunten, werkwijze steps and
  contact points, settings (`catalog()` is loaded once per process);
- `municipalities`: keeps the municipalities table in step with data/municipalities.csv;
- `config`: deployment settings from the environment or .streamlit/secrets.toml (the one helper
  for secrets; a missing file is fine).
"""
