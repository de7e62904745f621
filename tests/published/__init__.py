"""Published worked examples reproduced to the precision they were printed at.

Each test names the paper or book, the table it reproduces, the conventions the source uses
(normalisation, cost handling, VIKOR's v, PROMETHEE flow scaling, AHP random-index table) and,
where the numbers reached us through another project's tests, that project's repository and
file. Every example was first recomputed independently with a few lines of numpy before it was
admitted here; examples whose printed numbers do not follow from their printed inputs are left
out (see the module docstrings).
"""
