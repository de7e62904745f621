"""A two-criterion model whose second criterion reads an analyst's table (``readiness``,
column ``score``): shared by the analyst-table tests of tests/model and tests/cli."""

READINESS_MODEL = """
[model]
id = "ready"
label = "Readiness model"
rationale = "Capability and the agency's readiness scores."

[[criteria]]
id = "power"
label = "Power"
weight = 0.2
rationale = "Capability."

  [[criteria.indicators]]
  id = "cinc"
  label = "CINC"
  measure = "capability"
  direction = "benefit"
  weight = 1.0
  rationale = "Composite index of national capability."

[[criteria]]
id = "ready"
label = "Readiness"
weight = 0.8
rationale = "The agency's assessment."

  [[criteria.indicators]]
  id = "readiness"
  label = "Readiness score"
  measure = "table"
  direction = "benefit"
  weight = 1.0
  rationale = "Agency X's readiness review."
  params = { table = "readiness", column = "score" }
"""
