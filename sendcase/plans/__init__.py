"""The EHC plan's content: sections A to K, frozen versions, comparison, progress and PDF."""
