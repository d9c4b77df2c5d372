"""One module per document kind: a validated campaign in, template contexts out."""
