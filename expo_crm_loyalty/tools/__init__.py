"""Plain Python of the loyalty addon: the names and settings of the figures
(``figures.py``), the SQL of every formula (``formulas.py``), the engine's
other queries (``queries.py``) and the SQL builders they share (``sql.py``)."""
