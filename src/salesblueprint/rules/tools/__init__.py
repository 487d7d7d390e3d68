"""The tool map: which tool holds and leads for which record, how data flows between tools, and
the blind spots (tools connected to nothing, stages no tool records, a handoff with no data)."""
