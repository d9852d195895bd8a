"""Plain Python of the loyalty addon: the names and settings of the figures
(``figures.py``) and the SQL of every formula (``formulas.py``)."""
