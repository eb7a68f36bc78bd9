"""Knowledge below the stages: curated tables with small lookup functions, imported by stages, training and
benchmarks alike (they import no stage)."""
