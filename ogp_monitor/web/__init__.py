"""The Streamlit glue: cached queries, the shared sidebar filters, tables with downloads, sign-in,
the meeting slides and the deck download. The pages in ``views/`` use these and stay thin."""
