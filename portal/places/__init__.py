"""Places: the county, its townships and villages, and their mediation committees."""
