"""One module per document kind (see pipeline.kinds, the registry).

Each module has `build(campaign, results) -> Built`: the campaign and the
scoring stage's Results in, the template contexts and warnings out. Documents
do no I/O and raise no input errors: validate has checked what each kind needs.
"""
