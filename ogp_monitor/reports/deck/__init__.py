"""The meeting deck: text_fit (measuring) -> plan (what goes where) -> powerpoint (PPTX) -> pdf."""
