"""Annual reviews of EHC plans, amendments after review, and phase transfers (docs/reviews.md)."""
