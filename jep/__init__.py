"""Domain core of the JEP werkatelier dashboard: plain Python, no Streamlit."""
